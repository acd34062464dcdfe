import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../test/helpers/database.js';
import { makeWorkspace } from '../../../../test/helpers/app.js';
import { groupWith, inTenant } from '../../../../test/helpers/live-codes.js';
import { one, sql } from '../../../db/client.js';
import type { WorkspaceRef } from '../../../core/context.js';
import { ingestEvents } from '../../tracking/ingest-events.js';
import { createLiveCode } from './create-live-code.js';
import { getLiveCode } from './get-live-code.js';
import { routeScan, type ScanOutcome } from './route-scan.js';
import type { LiveCodeInput } from './contracts.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let ws: WorkspaceRef;
let n = 0;

beforeAll(async () => {
  database = await createTestDatabase();
  ws = await makeWorkspace(database, 'live-routing', []);
});
afterAll(async () => { await database.drop(); });

const make = (input: LiveCodeInput) => inTenant(database, ws, (ctx) => createLiveCode(ctx, input));
const scan = (liveCodeId: string, extra: { previousScanId?: string; source?: string } = {}) =>
  inTenant(database, ws, (ctx) => routeScan(ctx, { liveCodeId, source: extra.source ?? null, visitor: `visitor-${++n}`, previousScanId: extra.previousScanId }));
const groupOf = (o: ScanOutcome) => (o.kind === 'routed' ? o.community.name : o.kind);
const scanIdOf = (o: ScanOutcome) => (o.kind === 'disabled' ? '' : o.scanId);

describe('capacity counts actual members and open reservations', () => {
  it('counts current members (not those who left, not page views) plus recent unjoined scans', async () => {
    // 2 current members and 3 who left; page views of a visitor who never joined do not count either.
    const a = await groupWith(database, ws, 'cap-a', { members: 2, left: 3 });
    const b = await groupWith(database, ws, 'cap-b', { members: 0 + 1 });
    await inTenant(database, ws, (ctx) => ingestEvents(ctx, Array.from({ length: 5 }, (_, i) => ({
      id: `view-${i}`, type: 'page.viewed', occurredAt: '2026-01-05T00:00:00Z', member: { channel: 'sandbox', externalId: 'looker' }, data: { url: 'https://x.cn/j/abc' },
    }))));
    const code = await make({ name: '容量', capacity: 3, communityIds: [a, b] });
    expect((await getLiveCode2(code.id)).pool.map((p) => [p.members, p.reserved, p.full])).toEqual([[2, 0, false], [1, 0, false]]);
    const first = await scan(code.id);
    expect(groupOf(first)).toBe('cap-a');
    // cap-a now holds 2 members + 1 reservation = 3 of 3: the next scan goes on.
    expect(groupOf(await scan(code.id))).toBe('cap-b');
    expect((await getLiveCode2(code.id)).pool.map((p) => [p.members, p.reserved, p.full])).toEqual([[2, 1, true], [1, 1, false]]);

    // The reservation ends when its visitor joins: cap-a is then full by members alone.
    await inTenant(database, ws, (ctx) => ingestEvents(ctx, [{
      id: 'cap-join', type: 'member.joined', occurredAt: new Date().toISOString(), community: { channel: 'sandbox', externalId: 'cap-a' },
      member: { channel: 'sandbox', externalId: 'newcomer' }, data: { liveCode: code.slug, liveCodeScan: scanIdOf(first) },
    }]));
    expect((await getLiveCode2(code.id)).pool[0]).toMatchObject({ members: 3, reserved: 0, full: true });

    // A member leaving frees the seat again.
    await inTenant(database, ws, (ctx) => ingestEvents(ctx, [{
      id: 'cap-leave', type: 'member.left', occurredAt: new Date().toISOString(), community: { channel: 'sandbox', externalId: 'cap-a' },
      member: { channel: 'sandbox', externalId: 'newcomer' }, data: {},
    }]));
    expect(groupOf(await scan(code.id))).toBe('cap-a');
  });

  it('lets a reservation lapse after the window, and never counts a group beyond its own capacity', async () => {
    const a = await groupWith(database, ws, 'lapse-a', { members: 1, capacity: 2 });
    const code = await make({ name: '过期', capacity: 500, communityIds: [a] });
    const first = await scan(code.id);
    expect(groupOf(first)).toBe('lapse-a');
    // 1 member + 1 reservation = the group's own 2: full, so a group is opened.
    expect(groupOf(await scan(code.id))).toBe('过期 2');
    await inTenant(database, ws, (ctx) => ctx.db.execute(sql`
      update live_code_scans set scanned_at = now() - interval '11 minutes' where live_code_id = ${code.id}`));
    expect(groupOf(await scan(code.id))).toBe('lapse-a');
  });

  it('sends a repeat scan from the same browser to the same group without a second reservation', async () => {
    const a = await groupWith(database, ws, 'again-a', { members: 1 });
    const b = await groupWith(database, ws, 'again-b', { members: 1 });
    const code = await make({ name: '重复扫码', strategy: 'round_robin', communityIds: [a, b] });
    const first = await scan(code.id);
    const again = await scan(code.id, { previousScanId: scanIdOf(first) });
    expect(again).toMatchObject({ kind: 'routed', reused: true, scanId: scanIdOf(first), community: { name: groupOf(first) } });
    const scans = await inTenant(database, ws, (ctx) => one<{ n: number }>(ctx.db, sql`select count(*)::int as n from live_code_scans where live_code_id = ${code.id}`));
    expect(scans!.n).toBe(1);
    // Another live code's scan id, or a made-up one, is just a new scan.
    expect((await scan(code.id, { previousScanId: '6f1c2d3e-0000-4000-8000-000000000000' })).kind).toBe('routed');
  });
});

describe('strategies on a real pool', () => {
  it('fill_in_order fills the first group first; least_full evens them out; round_robin takes turns', async () => {
    const ids = [await groupWith(database, ws, 's-1', { members: 3 }), await groupWith(database, ws, 's-2', { members: 1 }), await groupWith(database, ws, 's-3', { members: 2 })];
    const fill = await make({ name: '顺序', strategy: 'fill_in_order', capacity: 5, communityIds: ids });
    const filled = [];
    for (let i = 0; i < 5; i++) filled.push(groupOf(await scan(fill.id)));
    expect(filled).toEqual(['s-1', 's-1', 's-2', 's-2', 's-2']);

    // Loads now (members + reservations of any live code): s-1 5, s-2 4, s-3 2. Of 6 each: s-3 twice (3, 4),
    // then s-2 and s-3 tie at 4 and the earlier s-2 wins, s-3 (4 against 5), all three at 5 -> s-1, then s-2.
    const least = await make({ name: '最少', strategy: 'least_full', capacity: 6, communityIds: ids });
    const evened = [];
    for (let i = 0; i < 6; i++) evened.push(groupOf(await scan(least.id)));
    expect(evened).toEqual(['s-3', 's-3', 's-2', 's-3', 's-1', 's-2']);

    const turns = await make({ name: '轮流', strategy: 'round_robin', capacity: 20, communityIds: ids });
    const taken = [];
    for (let i = 0; i < 5; i++) taken.push(groupOf(await scan(turns.id)));
    expect(taken).toEqual(['s-1', 's-2', 's-3', 's-1', 's-2']);
  });

  it('skips a group that is no longer active', async () => {
    const a = await groupWith(database, ws, 'gone-a', { members: 1 });
    const b = await groupWith(database, ws, 'gone-b', { members: 1 });
    const code = await make({ name: '归档', communityIds: [a, b] });
    await inTenant(database, ws, (ctx) => ctx.db.execute(sql`update communities set status = 'archived' where id = ${a}`));
    expect(groupOf(await scan(code.id))).toBe('gone-b');
  });
});

describe('a full pool', () => {
  it('opens "<base> n" after the highest number in use, typed like the pool\'s last group', async () => {
    const a = await groupWith(database, ws, 'vip-a', { members: 2 });
    await inTenant(database, ws, async (ctx) => {
      await ctx.db.execute(sql`update communities set type = 'vip', subtype = '会员群' where id = ${a}`);
      // An unrelated group already named "会员群 7" (and one that only looks numbered).
      await ctx.db.execute(sql`insert into communities (workspace_id, name, channel, external_id) values
        (${ctx.workspaceId}, '会员群 7', 'sandbox', 'taken-7'), (${ctx.workspaceId}, '会员群 8b', 'sandbox', 'taken-8b')`);
    });
    const code = await make({ name: '会员', baseName: '会员群', capacity: 2, communityIds: [a] });
    const o = await scan(code.id);
    expect(o).toMatchObject({ kind: 'routed', opened: true, community: { name: '会员群 8' } });
    const made = await inTenant(database, ws, (ctx) => one<{ type: string; subtype: string; capacity: number; channel: string }>(ctx.db, sql`
      select type, subtype, capacity, channel from communities where name = '会员群 8'`));
    expect(made).toEqual({ type: 'vip', subtype: '会员群', capacity: 2, channel: 'sandbox' });
    const view = await getLiveCode2(code.id);
    expect(view.pool.map((p) => [p.name, p.createdByLiveCode])).toEqual([['vip-a', false], ['会员群 8', true]]);
  });

  it('on a channel that cannot open groups, records the scan as pool-full and says so', async () => {
    const a = await groupWith(database, ws, 'hook-a', { members: 2, channel: 'webhook' });
    const code = await make({ name: 'Webhook 群', channel: 'webhook', capacity: 2, communityIds: [a] });
    const o = await scan(code.id, { source: 'poster' });
    expect(o.kind).toBe('full');
    const row = await inTenant(database, ws, (ctx) => one<{ communityId: string | null; source: string }>(ctx.db, sql`
      select community_id as "communityId", source from live_code_scans where live_code_id = ${code.id}`));
    expect(row).toEqual({ communityId: null, source: 'poster' });
    expect(await getLiveCode2(code.id)).toMatchObject({ full: true, canOpenCommunities: false });
  });

  it('opens the first group of an empty pool, and a disabled live code routes nothing', async () => {
    const code = await make({ name: '空池', baseName: '新人群', communityIds: [] });
    expect(groupOf(await scan(code.id))).toBe('新人群 1');
    const off = await make({ name: '暂停', enabled: false, communityIds: [] });
    expect(await scan(off.id)).toEqual({ kind: 'disabled' });
  });
});

const getLiveCode2 = (id: string) => inTenant(database, ws, (ctx) => getLiveCode(ctx, id));
