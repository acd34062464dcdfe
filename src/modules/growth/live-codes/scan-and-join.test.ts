import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { createTestDatabase } from '../../../../test/helpers/database.js';
import { as, loginAs, makeWorkspace, testApp } from '../../../../test/helpers/app.js';
import { groupWith, inTenant } from '../../../../test/helpers/live-codes.js';
import { one, rows, sql } from '../../../db/client.js';
import type { WorkspaceRef } from '../../../core/context.js';
import { ingestEvents } from '../../tracking/ingest-events.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let app: FastifyInstance;
let ws: WorkspaceRef;
let other: WorkspaceRef;
let op: ReturnType<typeof as>;
let code: { id: string; slug: string };
let group: string;

const phone = (n: number) => `Mozilla/5.0 (iPhone; CPU iPhone OS 17_0) MicroMessenger/8.0.${n}`;
const visit = (url: string, ua: string, cookie?: string) => app.inject({ method: 'GET', url, headers: { 'user-agent': ua, ...(cookie ? { cookie } : {}) } });
const join = (form: Record<string, string>, cookie?: string) => app.inject({
  method: 'POST', url: `/j/${code.slug}/join`, payload: new URLSearchParams(form).toString(),
  headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': phone(0), ...(cookie ? { cookie } : {}) },
});
const cookieOf = (res: LightMyRequestResponse, name: string) => res.cookies.find((c) => c.name === name);
const scanIdIn = (page: string) => /name="scan" value="([0-9a-f-]{36})"/.exec(page)![1]!;
const joinEvent = (id: string, who: string, liveCode: string) => ({
  id, type: 'member.joined', occurredAt: new Date().toISOString(), community: { channel: 'sandbox', externalId: 'scan-c' },
  member: { channel: 'sandbox', externalId: who, name: who }, data: { scene: 'qr_code', liveCode },
});

beforeAll(async () => {
  database = await createTestDatabase();
  app = await testApp(database);
  ws = await makeWorkspace(database, 'live-scan', [{ email: 'op@s.test', role: 'operator' }]);
  other = await makeWorkspace(database, 'live-scan-other', [{ email: 'op@so.test', role: 'operator' }]);
  op = as(app, await loginAs(app, 'op@s.test'));
  group = await groupWith(database, ws, 'scan-c', { members: 1 });
  code = (await op.post('/api/v1/live-codes', { name: '扫码演示', capacity: 100, communityIds: [group] })).json();
});
afterAll(async () => { await app.close(); await database.drop(); });

describe('the public scan page and the sandbox join', () => {
  const scans: string[] = [];

  it('routes a scan, shows its group, keeps it for the same browser, and ignores preview fetches', async () => {
    const page = await visit(`/j/${code.slug}?s=wechat-article`, phone(1));
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('scan-c');
    expect(page.body).toContain('加入群聊');
    const cookie = cookieOf(page, 'shequn_scan')!;
    expect(cookie).toMatchObject({ path: `/j/${code.slug}`, httpOnly: true, maxAge: 600 });
    scans.push(scanIdIn(page.body));
    expect(cookie.value).toBe(scans[0]);
    const again = await visit(`/j/${code.slug}?s=wechat-article`, phone(1), `shequn_scan=${cookie.value}`);
    expect(scanIdIn(again.body)).toBe(scans[0]);
    const card = await visit(`/j/${code.slug}`, 'WhatsApp/2.23.20 A');
    expect([card.statusCode, card.body.includes('扫码加入社群'), card.body.includes('name="scan"')]).toEqual([200, true, false]);
    expect((await app.inject({ method: 'HEAD', url: `/j/${code.slug}`, headers: { 'user-agent': phone(9) } })).statusCode).toBe(200);
    const stored = await inTenant(database, ws, (ctx) => one<{ n: number }>(ctx.db, sql`select count(*)::int as n from live_code_scans`));
    expect(stored!.n).toBe(1);
    expect((await visit('/j/nosuchcode', phone(1))).statusCode).toBe(404);
  });

  it('joins as a sandbox guest through a member.joined event naming the live code and the scan', async () => {
    const res = await join({ scan: scans[0]!, name: '小王' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.body).toContain('已加入');
    const guest = cookieOf(res, 'shequn_guest')!;
    expect(guest.value).toMatch(/^[0-9a-f]{12}$/);
    const event = await inTenant(database, ws, (ctx) => one<{ data: Record<string, unknown>; name: string; communityId: string }>(ctx.db, sql`
      select e.data, m.display_name as name, e.community_id as "communityId" from events e join members m on m.id = e.member_id
      where e.type = 'member.joined' and e.id = ${`live-code-join:${scans[0]}`}`));
    expect(event).toEqual({ communityId: group, name: '小王', data: { scene: 'qr_code', liveCode: code.slug, liveCodeScan: scans[0] } });
    const claimed = await inTenant(database, ws, (ctx) => one<{ scanId: string; source: string }>(ctx.db, sql`
      select scan_id as "scanId", source from live_code_joins`));
    expect(claimed).toEqual({ scanId: scans[0], source: 'wechat-article' });
    // The same guest pressing again is already in; a used scan cannot bring someone else in.
    const twice = await join({ scan: scans[0]! }, `shequn_guest=${guest.value}`);
    expect([twice.statusCode, twice.body.includes('你已在群里')]).toEqual([200, true]);
    const stolen = await join({ scan: scans[0]! });
    expect([stolen.statusCode, stolen.body.includes('was already used')]).toEqual([409, true]);
    const bad = await join({ scan: 'not-a-scan' });
    expect([bad.statusCode, bad.json().error.message]).toEqual([400, 'scan: must be the scan id the page carries']);
  });

  it('counts scans and joins per source, claiming the oldest open scan for a join that names only the live code', async () => {
    const poster = await visit(`/j/${code.slug}?s=poster`, phone(2));
    expect((await join({ scan: scanIdIn(poster.body) })).statusCode).toBe(200);
    await visit(`/j/${code.slug}?s=poster`, phone(3));
    await visit(`/j/${code.slug}?state=wecom-state`, phone(4));
    const foreign = (await as(app, await loginAs(app, 'op@so.test')).post('/api/v1/live-codes', { name: '别家', communityIds: [] })).json();
    await inTenant(database, ws, (ctx) => ingestEvents(ctx, [
      joinEvent('wecom-1', 'w1', code.slug), // claims the oldest open scan: the second poster scan
      joinEvent('wecom-2', 'w2', code.id.toUpperCase()), // by id: claims the wecom-state scan
      joinEvent('wecom-3', 'w3', code.slug), // nothing left open: unattributed
      joinEvent('wecom-4', 'w4', 'nosuchcode'),
      joinEvent('wecom-5', 'w5', foreign.slug), // another workspace's live code is not this one's
    ]));
    const stats = (await op.get(`/api/v1/live-codes/${code.id}/stats`)).json();
    expect(stats.totals).toEqual({ scans: 4, visitors: 4, joins: 4, conversion: 1, poolFull: 0, unattributedJoins: 1 });
    expect(stats.sources).toEqual([
      { source: 'poster', scans: 2, visitors: 2, joins: 2, conversion: 1 },
      { source: 'wechat-article', scans: 1, visitors: 1, joins: 1, conversion: 1 },
      { source: 'wecom-state', scans: 1, visitors: 1, joins: 1, conversion: 1 },
    ]);
    // 1 seed member, 2 guests from the page, w1..w5 by events.
    expect(stats.communities).toEqual([{ id: group, name: 'scan-c', position: 0, status: 'active', createdByLiveCode: false, members: 8, reserved: 0,
      capacity: 100, full: false, inPool: true, scans: 4, joins: 4 }]);
    expect((await op.get(`/api/v1/live-codes/${code.id}`)).json()).toMatchObject({ scans: 4, joins: 5 });
    const foreignJoins = await inTenant(database, other, (ctx) => rows(ctx.db, sql`select 1 from live_code_joins`));
    expect(foreignJoins).toEqual([]);
  });

  it('counts a scan that found no room, and only the scans of the window', async () => {
    await inTenant(database, ws, (ctx) => ctx.db.execute(sql`
      update live_code_scans set scanned_at = scanned_at - interval '2 days' where source = 'wechat-article'`));
    const recent = (await op.get(`/api/v1/live-codes/${code.id}/stats?days=1`)).json();
    expect(recent.sources.map((s: { source: string }) => s.source)).toEqual(['poster', 'wecom-state']);
    expect(recent.totals.scans).toBe(3);

    const hook = await groupWith(database, ws, 'scan-hook', { members: 1, channel: 'webhook' });
    const full = (await op.post('/api/v1/live-codes', { name: '满员', channel: 'webhook', capacity: 2, communityIds: [hook] })).json();
    const routed = await visit(`/j/${full.slug}?s=flyer`, phone(5));
    // Another platform's group: the page names it and cannot join it from here.
    expect([routed.statusCode, routed.body.includes('scan-hook'), routed.body.includes('name="scan"')]).toEqual([200, true, false]);
    const none = await visit(`/j/${full.slug}?s=flyer`, phone(6));
    expect([none.statusCode, none.body.includes('所有群都已满员')]).toEqual([503, true]);
    const stats = (await op.get(`/api/v1/live-codes/${full.id}/stats`)).json();
    expect(stats.totals).toMatchObject({ scans: 2, poolFull: 1, joins: 0, conversion: 0 });
    expect(stats.sources).toEqual([{ source: 'flyer', scans: 2, visitors: 2, joins: 0, conversion: 0 }]);
  });
});
