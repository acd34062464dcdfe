import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestDatabase } from './helpers/database.js';
import { as, loginAs, makeWorkspace, testApp } from './helpers/app.js';
import { withTenant } from '../src/core/context.js';
import { rows, sql } from '../src/db/client.js';
import { ingestEvents } from '../src/modules/tracking/ingest-events.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let app: FastifyInstance;
const ids: Record<string, string> = {};

beforeAll(async () => {
  database = await createTestDatabase();
  app = await testApp(database);
  const a = await makeWorkspace(database, 'alpha', [{ email: 'owner@alpha.test', role: 'owner' }]);
  const b = await makeWorkspace(database, 'beta', [{ email: 'owner@beta.test', role: 'owner' }, { email: 'op@beta.test', role: 'operator' }]);
  for (const ws of [a, b]) {
    await withTenant(database, ws, { kind: 'system', name: 'test' }, (ctx) => ingestEvents(ctx, [
      { id: `${ws.slug}-1`, type: 'message.sent', occurredAt: '2026-11-01T00:00:00Z', community: { channel: 'sandbox', externalId: 'g1', name: `${ws.slug} group` }, member: { channel: 'sandbox', externalId: 'u1', name: `${ws.slug} person` }, data: { text: 'hi' } },
    ]));
  }
  // Resources of workspace beta that alpha's owner will try to reach.
  const beta = as(app, await loginAs(app, 'owner@beta.test'));
  ids.community = (await beta.get('/api/v1/communities')).json().items[0].id;
  ids.member = (await beta.get('/api/v1/members')).json().items[0].id;
  ids.apiKey = (await beta.post('/api/v1/api-keys', { name: 'beta key', scopes: ['read'] })).json().id;
  ids.staff = (await beta.get('/api/v1/staff')).json().items.find((s: { email: string }) => s.email === 'op@beta.test').userId;
  // An upload without its file: the routes only read the row.
  ids.import = (await withTenant(database, b, { kind: 'system', name: 'test' }, (ctx) => rows<{ id: string }>(ctx.db, sql`
    insert into imports (workspace_id, file_name, stored_path, size_bytes, format, time_zone)
    values (${b.id}, 'beta chat.txt', '/nowhere/beta chat.txt', 1, 'auto', 'UTC') returning id::text`)))[0]!.id;
  await withTenant(database, b, { kind: 'system', name: 'test' }, (ctx) => ctx.db.execute(sql`insert into analytics_settings (workspace_id) values (${b.id})`));
  ids.template = (await beta.post('/api/v1/templates', { name: 'beta welcome', contentType: 'text', variants: [{ key: 'A', weight: 1, content: { text: 'hi' } }] })).json().id;
  ids.task = (await beta.post('/api/v1/staff-tasks', { kind: 'custom', title: 'beta task', idempotencyKey: 'beta-task' })).json().id;
  ids.welcome = (await beta.post('/api/v1/welcome-flows', { name: 'beta welcome', scope: { kind: 'all' }, groupWelcome: { templateId: ids.template, windowMinutes: 3 } })).json().id;
  ids.sop = (await beta.post('/api/v1/sop/plans', { name: 'beta sop', communityTypes: ['basic'], steps: [{ time: '09:00', recurrence: { kind: 'daily' }, templateId: ids.template }] })).json().id;
  ids.trigger = (await beta.post('/api/v1/triggers/presets/core_care')).json().id;
  ids.wecom = (await beta.post('/api/v1/channels/wecom/corps', { name: 'beta corp', corpId: 'wwbeta0001', secret: 'beta-secret', token: 'betatoken', encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C' })).json().id;
  expect([ids.template, ids.task, ids.welcome, ids.sop, ids.trigger, ids.wecom].every(Boolean)).toBe(true);
});
afterAll(async () => { await app.close(); await database.drop(); });

describe('tenant isolation', () => {
  it('row-level security hides every tenant row from a query without the workspace setting', async () => {
    // Every table that holds tenant rows, found in the catalog, so a new module's table cannot be forgotten.
    // Sessions are the exception by design: login reads them before any workspace is known (authenticate.ts).
    const tables = ['workspaces', ...(await rows<{ t: string }>(database.db, sql`
      select distinct table_name as t from information_schema.columns
      where table_schema = 'public' and column_name = 'workspace_id' and table_name <> 'sessions' order by 1`)).map((r) => r.t)];
    expect(tables).toEqual(expect.arrayContaining(['events', 'member_days', 'reply_links', 'first_replies', 'join_activations', 'staff_tasks', 'message_templates', 'member_opt_outs']));
    const unguarded = await rows<{ t: string }>(database.db, sql`
      select relname as t from pg_class
      where relname in (select jsonb_array_elements_text(${JSON.stringify(tables)}::jsonb)) and relkind = 'r'
        and not (relrowsecurity and relforcerowsecurity)`);
    expect(unguarded).toEqual([]);
    const counts = await database.db.transaction(async (tx) => {
      await tx.execute(sql.raw('set local role shequn_app'));
      const out: Record<string, number> = {};
      for (const t of tables) out[t] = (await rows<{ n: number }>(tx as never, sql.raw(`select count(*)::int as n from ${t}`)))[0]!.n;
      return out;
    });
    expect(Object.values(counts).every((n) => n === 0)).toBe(true);
    // ...while the owner role sees both workspaces' rows, so the zeros above are RLS and not empty tables.
    const all = await rows<{ n: number }>(database.db, sql`select count(*)::int as n from communities`);
    expect(all[0]!.n).toBe(2);
  });

  it('a workspace setting shows only that workspace', async () => {
    const alpha = (await rows<{ id: string }>(database.db, sql`select id from workspaces where slug = 'alpha'`))[0]!.id;
    const names = await database.db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('app.workspace_id', ${alpha}, true)`);
      await tx.execute(sql.raw('set local role shequn_app'));
      return rows<{ name: string }>(tx as never, sql`select name from communities`);
    });
    expect(names).toEqual([{ name: 'alpha group' }]);
  });

  it('every route answers not-found or forbidden for another workspace\'s rows', async () => {
    const alpha = as(app, await loginAs(app, 'owner@alpha.test'));
    const fill = (url: string) => url
      .replace(':id', url.includes('api-keys') ? ids.apiKey! : url.includes('imports') ? ids.import!
        : url.includes('templates') ? ids.template! : url.includes('staff-tasks') ? ids.task!
        : url.includes('welcome-flows') ? ids.welcome! : url.includes('sop/plans') ? ids.sop! : url.includes('triggers') ? ids.trigger! : url.includes('wecom') ? ids.wecom!
        : url.includes('members') && !url.includes('communities') ? ids.member! : ids.community!)
      .replace(':key', 'A').replace(':version', '1')
      // A preset is a name, not tenant data; the other workspace's group it names is.
      .replace(':preset', 'checkin_vip_invite')
      .replace(':userId', ids.staff!).replace(':memberId', ids.member!)
      // A segment name is not tenant data; the other workspace's community in the query is.
      .replace(/:segment(\/.*)$/, `role:core$1?communityId=${ids.community}`);
    const bodies: Record<string, unknown> = {
      'PATCH /api/v1/communities/:id': { name: 'stolen' },
      'POST /api/v1/communities/:id/messages': { text: 'spam' },
      'PATCH /api/v1/members/:id': { optedOut: true },
      'PATCH /api/v1/staff/:userId': { role: 'analyst' },
      'PATCH /api/v1/communities/:id/members/:memberId': { isKol: true },
      'POST /api/v1/communities/:id/invitations': { memberId: ids.member },
      'POST /api/v1/communities/:id/removals': { memberId: ids.member },
      'POST /api/v1/templates/:id/render': { communityId: ids.community },
      'POST /api/v1/templates/:id/sends': { communityId: ids.community, idempotencyKey: 'steal-1' },
      'PATCH /api/v1/staff-tasks/:id': { assigneeId: null },
      'POST /api/v1/triggers/presets/:preset': { communityId: ids.community },
      'PATCH /api/v1/triggers/:id': { enabled: false },
      'PUT /api/v1/sop/plans/:id': { name: 'stolen', communityTypes: ['basic'], steps: [{ time: '09:00', recurrence: { kind: 'daily' }, templateId: ids.template }] },
    };
    const tried: string[] = [];
    for (const r of app.routeList.filter((r) => r.url.includes(':'))) {
      const res = await (r.method === 'GET' ? alpha.get(fill(r.url)) : r.method === 'DELETE' ? alpha.delete(fill(r.url))
        : r.method === 'PUT' ? alpha.put(fill(r.url), bodies[`${r.method} ${r.url}`] ?? {})
        : r.method === 'PATCH' ? alpha.patch(fill(r.url), bodies[`${r.method} ${r.url}`] ?? {}) : alpha.post(fill(r.url), bodies[`${r.method} ${r.url}`] ?? {}));
      expect([403, 404], `${r.method} ${r.url} answered ${res.statusCode}: ${res.body}`).toContain(res.statusCode);
      tried.push(`${r.method} ${r.url}`);
    }
    expect(tried.length).toBeGreaterThanOrEqual(9);
    // Another workspace's member cannot be pulled into, or pushed out of, one's own group either.
    const own = (await alpha.get('/api/v1/communities')).json().items[0].id;
    for (const path of ['invitations', 'removals']) {
      const res = await alpha.post(`/api/v1/communities/${own}/${path}`, { memberId: ids.member });
      expect(res.statusCode, path).toBe(404);
      expect(res.json().error.message).toBe('member not found');
    }
    // Lists show only the caller's own rows.
    for (const url of ['/api/v1/communities', '/api/v1/members', '/api/v1/api-keys', '/api/v1/staff', '/api/v1/audit-log', '/api/v1/imports']) {
      const body = (await alpha.get(url)).body;
      expect(body, url).not.toContain('beta');
      expect(body, url).not.toContain(ids.community!);
      expect(body, url).not.toContain(ids.import!);
    }
    // Nothing of beta's changed.
    const beta = as(app, await loginAs(app, 'owner@beta.test'));
    expect((await beta.get(`/api/v1/communities/${ids.community}`)).json().name).toBe('beta group');
    expect((await beta.get(`/api/v1/api-keys`)).json().items[0].revokedAt).toBeNull();
  });
});
