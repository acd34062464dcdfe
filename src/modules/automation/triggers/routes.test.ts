import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestDatabase } from '../../../../test/helpers/database.js';
import { as, loginAs, makeWorkspace, testApp } from '../../../../test/helpers/app.js';
import { ingestIntoGroups } from '../../../../test/helpers/events.js';
import { rows, sql } from '../../../db/client.js';
import { withTenant, type WorkspaceRef } from '../../../core/context.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let app: FastifyInstance;
let ws: WorkspaceRef;
let op: ReturnType<typeof as>;
let analyst: ReturnType<typeof as>;
let other: ReturnType<typeof as>;
let groups: Record<string, string>;

const sandbox = (externalId: string, type?: string) => ({ channel: 'sandbox', externalId, name: externalId, ...(type ? { type } : {}) });
const lurkerRule = { name: '潜水提醒', when: { kind: 'segment', segment: 'role:lurker' }, do: { kind: 'staff_task', taskKind: 'private_chat', title: '私聊 {{member.name}}' } };

beforeAll(async () => {
  database = await createTestDatabase();
  app = await testApp(database);
  ws = await makeWorkspace(database, 'trg-api', [{ email: 'op@trg.test', role: 'operator' }, { email: 'analyst@trg.test', role: 'analyst' }]);
  await makeWorkspace(database, 'trg-api-other', [{ email: 'op@trg-other.test', role: 'operator' }]);
  groups = await ingestIntoGroups(database, ws, [
    { id: 'j1', type: 'member.joined', occurredAt: '2026-05-01T01:00:00Z', community: sandbox('basic-1'), member: sandbox('u1'), data: {} },
    { id: 'j2', type: 'member.joined', occurredAt: '2026-05-01T01:00:00Z', community: sandbox('vip-1', 'vip'), member: sandbox('u2'), data: {} },
  ], ['basic-1', 'vip-1']);
  op = as(app, await loginAs(app, 'op@trg.test'));
  analyst = as(app, await loginAs(app, 'analyst@trg.test'));
  other = as(app, await loginAs(app, 'op@trg-other.test'));
});
afterAll(async () => { await app.close(); await database.drop(); });

describe('trigger rules API', () => {
  it('operators create rules with defaults; analysts read but cannot write; changes are audited', async () => {
    expect((await analyst.post('/api/v1/triggers', lurkerRule)).statusCode).toBe(403);
    const res = await op.post('/api/v1/triggers', lurkerRule);
    expect(res.statusCode).toBe(201);
    const rule = res.json();
    expect(rule).toMatchObject({
      name: '潜水提醒', enabled: true, preset: null, scope: { kind: 'all' }, delay: null, condition: null, capPerMember: null,
      do: { kind: 'staff_task', dueInHours: 24, assignTo: 'community_owner', body: '' }, firings: { scheduled: 0, done: 0, skipped: 0 }, lastFiredAt: null,
    });
    expect((await op.post('/api/v1/triggers', { ...lurkerRule, name: '潜水提醒' })).statusCode).toBe(409);
    const list = await analyst.get('/api/v1/triggers?page=1&pageSize=10');
    expect(list.statusCode).toBe(200);
    expect(list.json()).toMatchObject({ total: 1, items: [{ id: rule.id }] });

    const off = await op.patch(`/api/v1/triggers/${rule.id}`, { enabled: false, delay: { amount: 2, unit: 'hours' } });
    expect(off.json()).toMatchObject({ enabled: false, delay: { amount: 2, unit: 'hours' }, name: '潜水提醒' });
    expect((await analyst.patch(`/api/v1/triggers/${rule.id}`, { enabled: true })).statusCode).toBe(403);
    const audit = await withTenant(database, ws, { kind: 'system', name: 'test' }, (ctx) => rows<{ action: string; details: Record<string, any> }>(ctx.db, sql`
      select action, details from audit_log where target_id = ${rule.id} order by id`));
    expect(audit.map((a) => a.action)).toEqual(['trigger.created', 'trigger.updated']);
    expect(audit[1]!.details).toMatchObject({ before: { enabled: true, delay: null }, after: { enabled: false, delay: { amount: 2, unit: 'hours' } } });
  });

  it('refuses rules that do not fit together, naming the field', async () => {
    const cases: [unknown, number, string][] = [
      [{ ...lurkerRule, name: 'k', when: { kind: 'event', eventType: 'member.joined', keyword: 'vip' } }, 400, 'when.keyword'],
      [{ ...lurkerRule, name: 'c', when: { kind: 'event', eventType: 'custom' } }, 400, 'when.name'],
      [{ ...lurkerRule, name: 's', when: { kind: 'segment', segment: 'role:nobody' } }, 400, 'when.segment'],
      [{ ...lurkerRule, name: 'd', delay: { amount: 0, unit: 'days' } }, 400, 'delay.amount'],
      [{ ...lurkerRule, name: 'r', repeatAfter: { amount: 1, unit: 'days' } }, 400, 'capPerMember'],
      [{ ...lurkerRule, name: 'x', condition: 'still_in_segment', when: { kind: 'invite_sent' } }, 400, 'condition'],
      [{ ...lurkerRule, name: 'v', do: { kind: 'staff_task', taskKind: 'care', title: 'hi {{member.nmae}}' } }, 400, 'do.title'],
      [{ ...lurkerRule, name: 'p', when: { kind: 'signal', signal: 'leave_spike' }, do: { kind: 'invite', communityId: groups['vip-1'] } }, 400, 'do.kind'],
      [{ ...lurkerRule, name: 'm', when: { kind: 'signal', signal: 'leave_spike' }, do: { kind: 'alert', title: '{{member.name}} 走了' } }, 400, 'do.title'],
      [{ ...lurkerRule, name: 't', do: { kind: 'send_template', templateId: '00000000-0000-4000-8000-000000000000', audience: 'private', class: 'service' } }, 404, 'do.templateId'],
      [{ ...lurkerRule, name: 'g', scope: { kind: 'communities', communityIds: [groups['basic-1'], '00000000-0000-4000-8000-000000000000'] } }, 404, 'scope.communityIds.1'],
    ];
    for (const [body, status, path] of cases) {
      const res = await op.post('/api/v1/triggers', body);
      expect([res.statusCode, res.json().error.fields[0]?.path ?? res.json().error.message], JSON.stringify(body)).toEqual([status, path]);
    }
  });

  it('creates each preset in one call; the VIP preset needs a vip group', async () => {
    const presets = (await analyst.get('/api/v1/triggers/presets')).json();
    expect(presets.items.map((p: { key: string }) => p.key)).toEqual(['invite_reminder', 'lurker_outreach', 'core_care', 'leave_spike_alert', 'checkin_vip_invite']);
    expect(presets.inviteReminderText).toContain('{{member.name}}');
    for (const key of ['invite_reminder', 'lurker_outreach', 'core_care', 'leave_spike_alert']) {
      const res = await op.post(`/api/v1/triggers/presets/${key}`);
      expect([key, res.statusCode]).toEqual([key, 201]);
      expect(res.json().preset).toBe(key);
    }
    const missing = await op.post('/api/v1/triggers/presets/checkin_vip_invite', {});
    expect([missing.statusCode, missing.json().error.fields[0].path]).toEqual([400, 'communityId']);
    const basic = await op.post('/api/v1/triggers/presets/checkin_vip_invite', { communityId: groups['basic-1'] });
    expect(basic.json().error.message).toBe('communityId: choose a community of type vip');
    const vip = await op.post('/api/v1/triggers/presets/checkin_vip_invite', { communityId: groups['vip-1'], name: '打卡进 VIP' });
    expect(vip.statusCode).toBe(201);
    expect(vip.json()).toMatchObject({ name: '打卡进 VIP', do: { kind: 'invite', communityId: groups['vip-1'] } });
    expect((await op.post('/api/v1/triggers/presets/nope')).statusCode).toBe(400);
  });

  it('another workspace\'s rules and firings are not found', async () => {
    const mine = (await op.get('/api/v1/triggers')).json().items[0];
    expect((await other.get(`/api/v1/triggers/${mine.id}`)).statusCode).toBe(404);
    expect((await other.patch(`/api/v1/triggers/${mine.id}`, { enabled: false })).statusCode).toBe(404);
    expect((await other.delete(`/api/v1/triggers/${mine.id}`)).statusCode).toBe(404);
    expect((await other.get('/api/v1/triggers')).json().total).toBe(0);
    expect((await other.get(`/api/v1/trigger-firings?ruleId=${mine.id}`)).json().total).toBe(0);
    // Naming another workspace's community in a rule reads as unknown too.
    const res = await other.post('/api/v1/triggers', { ...lurkerRule, do: { kind: 'invite', communityId: groups['vip-1'] } });
    expect([res.statusCode, res.json().error.fields[0].path]).toEqual([404, 'do.communityId']);
    expect((await op.get(`/api/v1/triggers/${mine.id}`)).statusCode).toBe(200);
    expect((await op.delete(`/api/v1/triggers/${mine.id}`)).statusCode).toBe(200);
    expect((await op.get(`/api/v1/triggers/${mine.id}`)).statusCode).toBe(404);
  });
});
