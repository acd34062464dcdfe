import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestDatabase } from '../../../../test/helpers/database.js';
import { as, loginAs, makeWorkspace, testApp } from '../../../../test/helpers/app.js';
import { groupEvent } from '../../../../test/helpers/events.js';
import { one, rows, sql } from '../../../db/client.js';
import { withTenant, type TenantCtx, type WorkspaceRef } from '../../../core/context.js';
import { ingestEvents } from '../../tracking/ingest-events.js';
import { SANDBOX_SIGNATURE_HEADER } from '../payments/sandbox-provider.js';
import { deliverSandboxNotifications } from '../payments/deliver-sandbox-notifications.js';
import { joinGroup, openGroup } from './groups.js';
import { runGroupBuyExpiry } from './expire-groups.js';
import { runOrderExpiry } from '../orders/expire-orders.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let app: FastifyInstance;
let ws: WorkspaceRef;
let op: ReturnType<typeof as>;
let analyst: ReturnType<typeof as>;
let stranger: ReturnType<typeof as>;
let skuId: string;
const m: Record<string, string> = {};
const NAMES = ['amy', 'bob', 'cat', 'dan', 'eve', 'fay', 'gus', 'hal', 'ivy', 'jon', 'kim', 'lea'];
const system = { kind: 'system' as const, name: 'test' };
const tenant = <T>(fn: (ctx: TenantCtx) => Promise<T>) => withTenant(database, ws, system, fn);
const stock = async () => (await one<{ s: number }>(database.db, sql`select stock as s from product_skus where id = ${skuId}`))!.s;
const later = (hours: number) => new Date(Date.now() + hours * 3_600_000);
let keyN = 0;
const key = (who: string) => `gb-${who}-${++keyN}-key`;

async function deal(groupSize: number, extra: Record<string, unknown> = {}) {
  const res = await op.post('/api/v1/group-buy/deals', { name: `${groupSize}人团`, skuId, groupSize, windowHours: 24, groupPriceCents: 6_000, ...extra });
  expect(res.statusCode).toBe(201);
  return res.json().id as string;
}
const open = (dealId: string, who: string) => tenant((ctx) => openGroup(ctx, dealId, { memberId: m[who]!, idempotencyKey: key(who) }));
const join = (groupId: string, who: string, k = key(who)) => tenant((ctx) => joinGroup(ctx, groupId, { memberId: m[who]!, idempotencyKey: k }));
const group = async (id: string) => (await op.get(`/api/v1/group-buy/groups/${id}`)).json();

/** Pays an order through the sandbox as a buyer would: a payment, the buyer's success, the signed notification delivered. */
async function pay(orderId: string) {
  const payment = (await op.post(`/api/v1/orders/${orderId}/payments`, { provider: 'sandbox' })).json();
  expect((await op.post(`/api/v1/payments/sandbox/${payment.id}/complete`, { outcome: 'succeeded' })).statusCode).toBe(200);
  await deliverSandboxNotifications(database);
}
const refundsOf = (orderId: string) => rows<{ id: string; amount: number; status: string; key: string }>(database.db, sql`
  select id, amount_cents::int as amount, status, idempotency_key as key from refunds where order_id = ${orderId}`);
const orderStatus = async (orderId: string) => (await one<{ s: string }>(database.db, sql`select status as s from orders where id = ${orderId}`))!.s;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await testApp(database);
  ws = await makeWorkspace(database, 'gb', [{ email: 'op@gb.test', role: 'operator' }, { email: 'an@gb.test', role: 'analyst' }]);
  op = as(app, await loginAs(app, 'op@gb.test'));
  analyst = as(app, await loginAs(app, 'an@gb.test'));
  await makeWorkspace(database, 'gb-other', [{ email: 'op@gb-other.test', role: 'operator' }]);
  stranger = as(app, await loginAs(app, 'op@gb-other.test'));
  await tenant((ctx) => ingestEvents(ctx, NAMES.map((n) => groupEvent(`j-${n}`, 'member.joined', 'g', n, new Date().toISOString()))));
  for (const r of await rows<{ id: string; name: string }>(database.db, sql`select id, display_name as name from members where workspace_id = ${ws.id}`)) m[r.name] = r.id;
  const product = (await op.post('/api/v1/products', { name: '车厘子', skus: [{ name: '2斤装', priceCents: 10_000, stock: 500 }] })).json();
  skuId = product.skus[0].id;
});
afterAll(async () => { await app.close(); await database.drop(); });

describe('group-buy deals', () => {
  it('are defined, listed, replaced and deleted by operators; analysts read; the group price is at most the SKU price', async () => {
    const over = await op.post('/api/v1/group-buy/deals', { name: '贵', skuId, groupSize: 2, windowHours: 24, groupPriceCents: 10_001 });
    expect([over.statusCode, over.json().error.fields[0].path]).toEqual([400, 'groupPriceCents']);
    const bad = await op.post('/api/v1/group-buy/deals', { name: 'x', skuId, groupSize: 1, windowHours: 0, groupPriceCents: 1 });
    expect(bad.json().error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['groupSize', 'windowHours']);
    const id = await deal(3);
    expect((await analyst.post('/api/v1/group-buy/deals', { name: 'x', skuId, groupSize: 2, windowHours: 1, groupPriceCents: 1 })).statusCode).toBe(403);
    const put = await op.put(`/api/v1/group-buy/deals/${id}`, { name: '三人团', skuId, groupSize: 3, windowHours: 48, groupPriceCents: 5_900, enabled: false });
    expect(put.json()).toMatchObject({ name: '三人团', windowHours: 48, groupPriceCents: 5_900, enabled: false, skuPriceCents: 10_000, productName: '车厘子', groupsOpen: 0 });
    const list = (await analyst.get('/api/v1/group-buy/deals?enabled=false')).json();
    expect(list.items.map((d: { id: string }) => d.id)).toContain(id);
    const refused = await op.post(`/api/v1/group-buy/deals/${id}/groups`, { memberId: m.amy, idempotencyKey: key('amy') });
    expect([refused.statusCode, refused.json().error.fields[0].path]).toEqual([409, 'dealId']);
    expect((await op.delete(`/api/v1/group-buy/deals/${id}`)).json()).toEqual({ ok: true });
    expect((await op.get(`/api/v1/group-buy/deals/${id}`)).statusCode).toBe(404);
  });

  it('refuse opening outside their validity, and cannot be deleted once a group was opened', async () => {
    const future = await deal(2, { validFrom: later(1).toISOString(), validUntil: later(2).toISOString() });
    await expect(open(future, 'amy')).rejects.toMatchObject({ code: 'conflict', fields: [{ path: 'validFrom' }] });
    const id = await deal(2);
    await open(id, 'amy');
    const del = await op.delete(`/api/v1/group-buy/deals/${id}`);
    expect([del.statusCode, del.json().error.fields[0].path]).toEqual([409, 'enabled']);
  });
});

describe('opening and joining', () => {
  it('opens a group with the opener\'s order at the group price; a replayed open answers the first', async () => {
    const id = await deal(3);
    const before = await stock();
    const k = key('bob');
    // A group keeps its SKU, size and price when the deal is edited after it opened.
    const other = (await op.post('/api/v1/products', { name: '荔枝', skus: [{ name: '1斤', priceCents: 9_000, stock: 5 }] })).json().skus[0].id;
    const seat = await tenant((ctx) => openGroup(ctx, id, { memberId: m.bob!, idempotencyKey: k }));
    expect(seat.created).toBe(true);
    expect(seat.group).toMatchObject({ status: 'open', size: 3, seatsTaken: 1, paidCount: 0, openerMemberId: m.bob });
    expect(seat.group.members).toMatchObject([{ memberId: m.bob, role: 'opener', orderId: seat.orderId, orderStatus: 'created', paidAt: null }]);
    const order = (await op.get(`/api/v1/orders/${seat.orderId}`)).json();
    expect([order.subtotalCents, order.discountCents, order.totalCents, order.discounts]).toEqual([10_000, 4_000, 6_000, [{ source: 'group_buy', ref: seat.group.id, amountCents: 4_000 }]]);
    const again = await tenant((ctx) => openGroup(ctx, id, { memberId: m.bob!, idempotencyKey: k }));
    expect((await op.put(`/api/v1/group-buy/deals/${id}`, { name: 'edited', skuId: other, groupSize: 2, windowHours: 1, groupPriceCents: 1_000 })).statusCode).toBe(200);
    // The same key twice at once, to open and to join: one group, one seat each.
    const k2 = key('cat');
    const twice = await Promise.all([0, 1].map(() => tenant((ctx) => openGroup(ctx, id, { memberId: m.cat!, idempotencyKey: k2 }))));
    expect(new Set(twice.map((s) => s.group.id)).size).toBe(1);
    expect(twice.map((s) => s.created).sort()).toEqual([false, true]);
    const k3 = key('dan');
    const joins = await Promise.all([0, 1].map(() => join(seat.group.id, 'dan', k3)));
    expect(new Set(joins.map((s) => s.orderId)).size).toBe(1);
    const joined = await group(seat.group.id);
    expect([joined.seatsTaken, joined.size, joined.groupPriceCents]).toEqual([2, 3, 6_000]);
    expect((await op.get(`/api/v1/orders/${joins[0]!.orderId}`)).json()).toMatchObject({ totalCents: 6_000, lines: [{ skuId }] });
    expect((await one<{ n: number }>(database.db, sql`select count(*)::int as n from group_buy_groups where deal_id = ${id}`))!.n).toBe(2);
    expect([again.created, again.orderId, again.group.id]).toEqual([false, seat.orderId, seat.group.id]);
    expect(twice[0]!.group).toMatchObject({ size: 2, groupPriceCents: 1_000 }); // opened after the edit: the new terms
    expect(await stock()).toBe(before - 2); // bob's and dan's units; cat's group sells the other SKU
  });

  it('refuses joining one\'s own group and joining twice, even twice at once; a replayed join answers the first', async () => {
    const { group: g } = await open(await deal(5), 'cat');
    await expect(join(g.id, 'cat')).rejects.toMatchObject({ code: 'conflict', fields: [{ path: 'memberId', message: 'nobody joins their own group' }] });
    const own = await op.post(`/api/v1/group-buy/groups/${g.id}/members`, { memberId: m.cat, idempotencyKey: key('cat') });
    expect([own.statusCode, own.json().error.fields[0].path]).toEqual([409, 'memberId']);
    const k = key('dan');
    const first = await join(g.id, 'dan', k);
    expect(first.created).toBe(true);
    expect((await join(g.id, 'dan', k))).toMatchObject({ created: false, orderId: first.orderId });
    await expect(join(g.id, 'dan')).rejects.toMatchObject({ code: 'conflict', fields: [{ path: 'memberId' }] });
    // The same member twice at once, under two keys: one seat.
    const before = await stock();
    const both = await Promise.allSettled([join(g.id, 'eve'), join(g.id, 'eve'), join(g.id, 'eve')]);
    expect(both.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of both) if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'conflict', fields: [{ path: 'memberId' }] });
    const after = await group(g.id);
    expect([after.seatsTaken, after.members.map((x: { memberId: string }) => x.memberId)]).toEqual([3, [m.cat, m.dan, m.eve]]);
    expect(await stock()).toBe(before - 1); // the refused joins' orders rolled back with their stock
    const orders = await one<{ n: number }>(database.db, sql`select count(*)::int as n from orders where member_id = ${m.eve} and discounts @> ${JSON.stringify([{ ref: g.id }])}::jsonb`);
    expect(orders!.n).toBe(1);
  });

  it('never seats more than the size when many join at once, and a full group refuses joiners', async () => {
    const { group: g } = await open(await deal(4), 'amy');
    const before = await stock();
    const joiners = NAMES.filter((n) => n !== 'amy');
    const results = await Promise.allSettled(joiners.map((n) => join(g.id, n)));
    const ok = results.filter((r) => r.status === 'fulfilled');
    expect(ok).toHaveLength(3);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'conflict', fields: [{ path: 'groupId', message: 'the group is full' }] });
    const after = await group(g.id);
    expect([after.seatsTaken, after.members.length]).toEqual([4, 4]);
    expect(await stock()).toBe(before - 3);
    const outsider = joiners.find((n) => !after.members.some((x: { memberId: string }) => x.memberId === m[n]))!;
    const full = await op.post(`/api/v1/group-buy/groups/${g.id}/members`, { memberId: m[outsider], idempotencyKey: key(outsider) });
    expect([full.statusCode, full.json().error.fields[0].path]).toEqual([409, 'groupId']);
  });

  it('refuses joining a group whose window is over, and an unknown group', async () => {
    const { group: g } = await open(await deal(3), 'fay');
    await expect(tenant((ctx) => joinGroup(ctx, g.id, { memberId: m.gus!, idempotencyKey: key('gus') }, later(25)))).rejects
      .toMatchObject({ code: 'conflict', fields: [{ path: 'groupId', message: 'the group\'s window is over' }] });
    const unknown = await op.post('/api/v1/group-buy/groups/00000000-0000-4000-8000-000000000000/members', { memberId: m.gus, idempotencyKey: key('gus') });
    expect(unknown.statusCode).toBe(404);
  });
});

describe('payment and the window', () => {
  it('succeeds when the size have paid; replayed payment notifications count nothing twice', async () => {
    const opened = await open(await deal(3), 'hal');
    const j1 = await join(opened.group.id, 'ivy');
    const j2 = await join(opened.group.id, 'jon');
    await pay(opened.orderId);
    await pay(j1.orderId);
    // Every notification so far delivered again, twice at once: replays.
    const sent = await rows<{ body: string; signature: string }>(database.db, sql`select body, signature from sandbox_payment_outbox where workspace_id = ${ws.id}`);
    const replays = await Promise.all(sent.flatMap((n) => [0, 1].map(() => app.inject({
      method: 'POST', url: '/api/v1/payments/sandbox/notify', payload: n.body, headers: { 'content-type': 'application/json', [SANDBOX_SIGNATURE_HEADER]: n.signature },
    }))));
    expect(replays.every((r) => r.json().outcome === 'replayed')).toBe(true);
    let g = await group(opened.group.id);
    expect([g.status, g.paidCount, g.members.filter((x: { paidAt: string | null }) => x.paidAt).length]).toEqual(['open', 2, 2]);
    await pay(j2.orderId);
    g = await group(opened.group.id);
    expect([g.status, g.paidCount, g.succeededAt !== null]).toEqual(['succeeded', 3, true]);
    // The window ending later changes nothing for a group that succeeded.
    expect(await runGroupBuyExpiry(database, 500, later(25))).toMatchObject({ refunded: 0 });
    g = await group(opened.group.id);
    expect([g.status, g.members.map((x: { orderStatus: string }) => x.orderStatus)]).toEqual(['succeeded', ['paid', 'paid', 'paid']]);
    for (const o of [opened.orderId, j1.orderId, j2.orderId]) expect(await refundsOf(o)).toEqual([]);
  });

  it('fails short of its size at the end of the window and refunds every paid member exactly once, even with two job runs at once', async () => {
    const opened = await open(await deal(4), 'kim');
    const j1 = await join(opened.group.id, 'lea');
    const j2 = await join(opened.group.id, 'amy');
    await pay(opened.orderId);
    await pay(j1.orderId);
    const stockBefore = await stock();
    // Before the window ends the job leaves it alone.
    await runGroupBuyExpiry(database);
    expect((await group(opened.group.id)).status).toBe('open');
    const runs = await Promise.all([runGroupBuyExpiry(database, 500, later(25)), runGroupBuyExpiry(database, 500, later(25))]);
    expect(runs.reduce((s, r) => s + r.refunded, 0)).toBe(2);
    expect(runs.reduce((s, r) => s + r.cancelled, 0)).toBe(1);
    expect(runs.filter((r) => r.failed === 1)).toHaveLength(1);
    await deliverSandboxNotifications(database);
    await runGroupBuyExpiry(database, 500, later(26)); // a third run: nothing left to do
    await deliverSandboxNotifications(database);
    for (const o of [opened.orderId, j1.orderId]) {
      const refunds = await refundsOf(o);
      expect(refunds).toEqual([{ id: expect.any(String), amount: 6_000, status: 'succeeded', key: `refund:group_buy:${opened.group.id}:${o}` }]);
      expect(await orderStatus(o)).toBe('refunded');
    }
    expect(await orderStatus(j2.orderId)).toBe('cancelled');
    expect(await refundsOf(j2.orderId)).toEqual([]);
    expect(await stock()).toBe(stockBefore + 1); // the unpaid order's unit came back; refunds return no stock
    const g = await group(opened.group.id);
    expect([g.status, g.seatsTaken, g.paidCount, g.members.length]).toEqual(['failed', 3, 2, 3]); // no member was made up
    expect(g.members.map((x: { settlement: string }) => x.settlement)).toEqual(['refunded', 'refunded', 'cancelled']);
    const list = (await analyst.get(`/api/v1/group-buy/groups?status=failed&dealId=${g.dealId}`)).json();
    expect(list.items.map((x: { id: string }) => x.id)).toEqual([g.id]);
  });

  it('refunds a payment that lands after its group failed but before its seat was settled', async () => {
    const opened = await open(await deal(2), 'bob');
    const payment = (await op.post(`/api/v1/orders/${opened.orderId}/payments`, { provider: 'sandbox' })).json();
    await op.post(`/api/v1/payments/sandbox/${payment.id}/complete`, { outcome: 'succeeded' });
    await database.db.execute(sql`update group_buy_groups set status = 'failed', failed_at = now() where id = ${opened.group.id}`);
    await deliverSandboxNotifications(database);
    let g = await group(opened.group.id);
    expect([g.status, g.paidCount, g.members[0].orderStatus, g.members[0].paidAt !== null]).toEqual(['failed', 0, 'paid', true]);
    await runGroupBuyExpiry(database);
    await deliverSandboxNotifications(database);
    g = await group(opened.group.id);
    expect([g.members[0].orderStatus, g.members[0].settlement]).toEqual(['refunded', 'refunded']);
    expect(await refundsOf(opened.orderId)).toHaveLength(1);
  });
});

describe('unpaid seats', () => {
  it('an order cancelled unpaid while its group is open gives the seat back; its member cannot take it again', async () => {
    const opened = await open(await deal(2), 'ivy');
    const j = await join(opened.group.id, 'jon');
    await pay(opened.orderId);
    await expect(join(opened.group.id, 'kim')).rejects.toMatchObject({ fields: [{ path: 'groupId', message: 'the group is full' }] });
    await runOrderExpiry(database, 500, later(1)); // jon's unpaid timeout
    let g = await group(opened.group.id);
    expect([g.status, g.seatsTaken, await orderStatus(j.orderId)]).toEqual(['open', 1, 'cancelled']);
    expect(g.members.map((x: { releasedAt: string | null }) => x.releasedAt !== null)).toEqual([false, true]);
    await expect(join(opened.group.id, 'jon')).rejects.toMatchObject({ fields: [{ path: 'memberId' }] });
    const k = await join(opened.group.id, 'kim');
    await pay(k.orderId);
    g = await group(opened.group.id);
    expect([g.status, g.seatsTaken, g.paidCount, g.members.length]).toEqual(['succeeded', 2, 2, 3]);
  });
});

describe('another workspace', () => {
  it('finds none of the deals or groups, cannot change, open or join them, and sees none in its lists', async () => {
    const dealId = await deal(3);
    const { group: g } = await open(dealId, 'gus');
    const input = { name: 'stolen', skuId, groupSize: 2, windowHours: 1, groupPriceCents: 1 };
    const seat = { memberId: m.hal, idempotencyKey: key('steal') };
    const answers = await Promise.all([
      stranger.get(`/api/v1/group-buy/deals/${dealId}`), stranger.put(`/api/v1/group-buy/deals/${dealId}`, input),
      stranger.delete(`/api/v1/group-buy/deals/${dealId}`), stranger.post(`/api/v1/group-buy/deals/${dealId}/groups`, seat),
      stranger.get(`/api/v1/group-buy/groups/${g.id}`), stranger.post(`/api/v1/group-buy/groups/${g.id}/members`, seat),
      stranger.put(`/api/v1/group-buy/deals/${dealId}`, {}), stranger.post(`/api/v1/group-buy/groups/${g.id}/members`, {}),
    ]);
    expect(answers.map((r) => r.statusCode)).toEqual([404, 404, 404, 404, 404, 404, 404, 404]);
    // Its own deal cannot name this workspace's SKU either.
    expect((await stranger.post('/api/v1/group-buy/deals', input)).statusCode).toBe(404);
    expect((await stranger.get('/api/v1/group-buy/deals')).json().total).toBe(0);
    expect((await stranger.get('/api/v1/group-buy/groups')).json().total).toBe(0);
    expect((await group(g.id)).members).toHaveLength(1);
    expect((await op.get(`/api/v1/group-buy/deals/${dealId}`)).json().name).toBe('3人团');
  });
});
