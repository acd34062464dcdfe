import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestDatabase } from '../../../../test/helpers/database.js';
import { as, loginAs, makeWorkspace, testApp } from '../../../../test/helpers/app.js';
import { rows, sql } from '../../../db/client.js';
import { withTenant, type WorkspaceRef } from '../../../core/context.js';
import { ingestEvents } from '../../tracking/ingest-events.js';
import { runWelcomeBatches } from './run-welcome-batches.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let app: FastifyInstance;
let ws: WorkspaceRef;
let op: ReturnType<typeof as>;
let analyst: ReturnType<typeof as>;
let stranger: ReturnType<typeof as>;
const tpl: Record<string, string> = {};
const groups: Record<string, string> = {};

const flow = (over: Record<string, unknown> = {}) => ({
  name: '欢迎', scope: { kind: 'all' }, groupWelcome: { templateId: tpl.group, windowMinutes: 3 }, ...over,
});
const fieldOf = (res: { json: () => any }) => res.json().error.fields?.[0]?.path ?? res.json().error.message;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await testApp(database);
  ws = await makeWorkspace(database, 'welcome-api', [{ email: 'op@w.test', role: 'operator' }, { email: 'analyst@w.test', role: 'analyst' }]);
  await makeWorkspace(database, 'welcome-other', [{ email: 'op@other.test', role: 'operator' }]);
  op = as(app, await loginAs(app, 'op@w.test'));
  analyst = as(app, await loginAs(app, 'analyst@w.test'));
  stranger = as(app, await loginAs(app, 'op@other.test'));
  const make = async (name: string, text: string) => (await op.post('/api/v1/templates', { name, contentType: 'text', variants: [{ key: 'A', weight: 1, content: { text } }] })).json().id as string;
  tpl.group = await make('群欢迎', '欢迎来到{{community.name}}');
  tpl.personal = await make('私聊欢迎', '{{member.name}}，欢迎');
  await withTenant(database, ws, { kind: 'system', name: 'test' }, async (ctx) => {
    await ingestEvents(ctx, ['a', 'b', 'v'].map((g) => ({
      id: `seed-${g}`, type: 'message.sent', occurredAt: '2026-01-01T00:00:00Z', community: { channel: 'sandbox', externalId: g, name: `${g}群`, type: g === 'v' ? 'vip' : 'basic' },
      member: { channel: 'sandbox', externalId: 'seed' }, data: { text: 'hi' },
    })));
    for (const r of await rows<{ id: string; externalId: string }>(ctx.db, sql`select id, external_id as "externalId" from communities`)) groups[r.externalId] = r.id;
  });
});
afterAll(async () => { await app.close(); await database.drop(); });

describe('welcome flow configuration', () => {
  let id: string;

  it('lets operators create a flow, with defaults, and analysts read it but not write', async () => {
    const res = await op.post('/api/v1/welcome-flows', flow({ groupWelcome: { templateId: tpl.group } }));
    expect(res.statusCode, res.body).toBe(201);
    id = res.json().id;
    expect(res.json()).toMatchObject({
      name: '欢迎', enabled: true, scope: { kind: 'all' }, privateWelcome: null, journey: [],
      groupWelcome: { templateId: tpl.group, windowMinutes: 3, template: { name: '群欢迎', status: 'active' } },
    });
    expect((await analyst.get('/api/v1/welcome-flows')).json()).toMatchObject({ total: 1, items: [{ id }] });
    expect((await analyst.post('/api/v1/welcome-flows', flow({ name: 'x' }))).statusCode).toBe(403);
    expect((await analyst.patch(`/api/v1/welcome-flows/${id}`, { enabled: false })).statusCode).toBe(403);
  });

  it('names the field of a bad value', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [flow({ name: ' ' }), 'name'],
      [flow({ groupWelcome: { templateId: tpl.group, windowMinutes: 61 } }), 'groupWelcome.windowMinutes'],
      [flow({ scope: { kind: 'type', type: 'gold' } }), 'scope.type'],
      [flow({ journey: [{ offsetMinutes: 60, templateId: tpl.group, audience: 'group' }, { offsetMinutes: 30, templateId: tpl.group, audience: 'group' }] }), 'journey.1.offsetMinutes'],
      [flow({ journey: [{ offsetMinutes: 48 * 60 + 1, templateId: tpl.group, audience: 'group' }] }), 'journey.0.offsetMinutes'],
      [flow({ journey: [{ offsetMinutes: 5, templateId: tpl.group, audience: 'everyone' }] }), 'journey.0.audience'],
    ];
    for (const [body, field] of cases) {
      const res = await op.post('/api/v1/welcome-flows', body);
      expect(res.statusCode, field).toBe(400);
      expect(res.json().error.message, field).toMatch(new RegExp(`^${field.replace(/\./g, '\\.')}:`));
    }
  });

  it('refuses templates that could not be sent where the flow sends them', async () => {
    const unknown = await op.post('/api/v1/welcome-flows', flow({ name: 'b', scope: { kind: 'type', type: 'vip' }, groupWelcome: { templateId: '00000000-0000-4000-8000-000000000000' } }));
    expect([unknown.statusCode, fieldOf(unknown)]).toEqual([400, 'groupWelcome.templateId']);
    // {{member.name}} has no value in a group message.
    const personal = await op.post('/api/v1/welcome-flows', flow({
      name: 'b', scope: { kind: 'type', type: 'vip' }, journey: [{ offsetMinutes: 5, templateId: tpl.personal, audience: 'group' }],
    }));
    expect([personal.statusCode, fieldOf(personal)]).toEqual([400, 'journey.0.templateId']);
    expect(personal.json().error.message).toMatch(/member\.name/);
    // ...but is fine in private.
    const ok = await op.post('/api/v1/welcome-flows', flow({
      name: 'VIP', scope: { kind: 'type', type: 'vip' }, privateWelcome: { templateId: tpl.personal }, journey: [{ offsetMinutes: 5, templateId: tpl.personal, audience: 'private' }],
    }));
    expect(ok.statusCode, ok.body).toBe(201);
  });

  it('keeps one flow per target: all communities, a type, a community', async () => {
    const again = await op.post('/api/v1/welcome-flows', flow({ name: '另一个' }));
    expect([again.statusCode, fieldOf(again)]).toEqual([409, 'scope']);
    const a = await op.post('/api/v1/welcome-flows', flow({ name: 'A群', scope: { kind: 'communities', communityIds: [groups.a] } }));
    expect(a.statusCode, a.body).toBe(201);
    expect(a.json().scope).toEqual({ kind: 'communities', communityIds: [groups.a], communities: [{ id: groups.a, name: 'a群' }] });
    const both = await op.post('/api/v1/welcome-flows', flow({ name: 'AB群', scope: { kind: 'communities', communityIds: [groups.b, groups.a] } }));
    expect([both.statusCode, fieldOf(both)]).toEqual([409, 'scope.communityIds.1']);
    const unknown = await op.post('/api/v1/welcome-flows', flow({ name: 'X群', scope: { kind: 'communities', communityIds: ['00000000-0000-4000-8000-000000000000'] } }));
    expect([unknown.statusCode, fieldOf(unknown)]).toEqual([400, 'scope.communityIds.0']);
    // The flow may keep its own community when edited.
    const edit = await op.put(`/api/v1/welcome-flows/${a.json().id}`, flow({ name: 'A群', scope: { kind: 'communities', communityIds: [groups.a, groups.b] } }));
    expect(edit.statusCode, edit.body).toBe(200);
    expect(edit.json().scope.communityIds.sort()).toEqual([groups.a, groups.b].sort());
  });

  it('answers another workspace\'s flow as not found', async () => {
    expect((await stranger.get(`/api/v1/welcome-flows/${id}`)).statusCode).toBe(404);
    expect((await stranger.put(`/api/v1/welcome-flows/${id}`, flow())).statusCode).toBe(404);
    expect((await stranger.patch(`/api/v1/welcome-flows/${id}`, { enabled: false })).statusCode).toBe(404);
    // Whatever the body: a bad one must not answer differently for another workspace's flow.
    expect((await stranger.put(`/api/v1/welcome-flows/${id}`, {})).statusCode).toBe(404);
    expect((await stranger.patch(`/api/v1/welcome-flows/${id}`, {})).statusCode).toBe(404);
    expect((await stranger.delete(`/api/v1/welcome-flows/${id}`)).statusCode).toBe(404);
    expect((await stranger.get('/api/v1/welcome-flows')).json().total).toBe(0);
  });

  it('disabling cancels the flow\'s undelivered actions; every change is audited', async () => {
    await op.put(`/api/v1/welcome-flows/${id}`, flow({ privateWelcome: { templateId: tpl.personal }, journey: [{ offsetMinutes: 600, templateId: tpl.personal, audience: 'private' }] }));
    await withTenant(database, ws, { kind: 'system', name: 'test' }, (ctx) => ingestEvents(ctx, [{
      id: 'join-1', type: 'member.joined', occurredAt: new Date(Date.now() - 4 * 60_000).toISOString(),
      community: { channel: 'sandbox', externalId: 'c', name: 'c群' }, member: { channel: 'sandbox', externalId: 'newbie', name: '新人' }, data: {},
    }]));
    expect(await runWelcomeBatches(database)).toEqual({ batches: 1 });
    const batches = await analyst.get('/api/v1/welcome-batches?pageSize=5');
    expect(batches.json()).toMatchObject({ total: 1, items: [{ communityName: 'c群', flowName: '欢迎', newcomers: [{ name: '新人' }], status: 'pending', dropped: 0, error: null }] });

    const off = await op.patch(`/api/v1/welcome-flows/${id}`, { enabled: false });
    expect([off.statusCode, off.json().enabled]).toEqual([200, false]);
    const statuses = await withTenant(database, ws, { kind: 'system', name: 'test' }, (ctx) => rows<{ status: string; lastError: string | null }>(ctx.db, sql`
      select status, last_error as "lastError" from actions where payload ? 'welcome' order by idempotency_key`));
    expect(statuses).toEqual(Array(3).fill({ status: 'cancelled', lastError: 'welcome flow disabled' }));

    expect((await op.delete(`/api/v1/welcome-flows/${id}`)).statusCode).toBe(200);
    expect((await op.get(`/api/v1/welcome-flows/${id}`)).statusCode).toBe(404);
    // The batch stays, without its flow.
    expect((await op.get('/api/v1/welcome-batches')).json().items[0]).toMatchObject({ flowId: null, flowName: null, status: 'cancelled' });
    const audit = await withTenant(database, ws, { kind: 'system', name: 'test' }, (ctx) => rows<{ action: string }>(ctx.db, sql`
      select action from audit_log where target_id = ${id} order by id`));
    expect(audit.map((a) => a.action)).toEqual(['welcome_flow.created', 'welcome_flow.updated', 'welcome_flow.disabled', 'welcome_flow.deleted']);
  });
});
