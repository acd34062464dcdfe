import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestDatabase } from '../../../../test/helpers/database.js';
import { as, loginAs, makeWorkspace, testApp } from '../../../../test/helpers/app.js';
import { groupEvent, ingestIntoGroups } from '../../../../test/helpers/events.js';
import { one, rows, sql } from '../../../db/client.js';
import { withTenant, type TenantCtx, type WorkspaceRef } from '../../../core/context.js';
import { SANDBOX_SIGNATURE_HEADER } from '../payments/sandbox-provider.js';
import { deliverSandboxNotifications } from '../payments/deliver-sandbox-notifications.js';
import { joinGroup, openGroup } from '../group-buy/groups.js';
import { runLeaderCommissionRelease } from './release-leader-commissions.js';
import { reverseLeaderCommission } from './reverse-leader-commission.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let app: FastifyInstance;
let ws: WorkspaceRef;
let op: ReturnType<typeof as>;
let analyst: ReturnType<typeof as>;
let stranger: ReturnType<typeof as>;
let skuId: string;
let g: Record<string, string>;
const m: Record<string, string> = {};
const NAMES = ['amy', 'bob', 'cat', 'dan', 'eve', 'fay', 'gus', 'hal'];
const GROUPS = ['g1', 'g2', 'g3', 'g4', 'g5', 'g6'];
const DAY = 86_400_000;
const system = { kind: 'system' as const, name: 'test' };
const tenant = <T>(fn: (ctx: TenantCtx) => Promise<T>) => withTenant(database, ws, system, fn);
let keyN = 0;
const key = (what: string) => `gl-${what}-${++keyN}-key`;
const pickup = { pickupName: '幸福里自提点', pickupAddress: '幸福里 3 号楼 1 层便利店', pickupPhone: '13800138000', pickupHours: '每天 9:00-21:00' };

async function appoint(who: string, community: string, commissionBps = 1000) {
  const res = await op.post('/api/v1/group-leaders', { memberId: m[who], communityId: g[community], commissionBps, ...pickup });
  expect(res.statusCode).toBe(201);
  return res.json().id as string;
}
async function order(who: string, community: string | null, quantity = 1) {
  const res = await op.post('/api/v1/orders', {
    memberId: m[who], lines: [{ skuId, quantity }], idempotencyKey: key(who), ...(community ? { attribution: { communityId: g[community] } } : {}),
  });
  expect(res.statusCode).toBe(201);
  return res.json().id as string;
}
/** Pays an order through the sandbox as a buyer would: a payment, the buyer's success, the signed notification delivered. */
async function pay(orderId: string) {
  const payment = (await op.post(`/api/v1/orders/${orderId}/payments`, { provider: 'sandbox' })).json();
  expect((await op.post(`/api/v1/payments/sandbox/${payment.id}/complete`, { outcome: 'succeeded' })).statusCode).toBe(200);
  await deliverSandboxNotifications(database);
}
async function refund(orderId: string, amountCents: number) {
  expect((await op.post(`/api/v1/orders/${orderId}/refunds`, { amountCents, idempotencyKey: key('refund') })).statusCode).toBe(200);
  await deliverSandboxNotifications(database);
}
/** Every notification the sandbox ever sent, delivered again twice at once. */
async function replayAll() {
  const sent = await rows<{ body: string; signature: string }>(database.db, sql`select body, signature from sandbox_payment_outbox where workspace_id = ${ws.id}`);
  const replies = await Promise.all(sent.flatMap((n) => [0, 1].map(() => app.inject({
    method: 'POST', url: '/api/v1/payments/sandbox/notify', payload: n.body, headers: { 'content-type': 'application/json', [SANDBOX_SIGNATURE_HEADER]: n.signature },
  }))));
  expect(replies.every((r) => r.json().outcome === 'replayed')).toBe(true);
}
const leader = async (id: string) => (await op.get(`/api/v1/group-leaders/${id}`)).json();
const wallet = async (id: string) => {
  const l = await leader(id);
  return { frozen: l.frozenCents, available: l.availableCents, reversed: l.reversedCents };
};
const entries = (orderId: string) => rows<{ kind: string; amount: number; status: string }>(database.db, sql`
  select kind, amount_cents::float8 as amount, status from leader_commissions where order_id = ${orderId} order by created_at, kind`);
const db = (q: ReturnType<typeof sql>) => database.db.execute(q);
const orderStatus = async (orderId: string) => (await one<{ s: string }>(database.db, sql`select status as s from orders where id = ${orderId}`))!.s;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await testApp(database);
  ws = await makeWorkspace(database, 'gl', [{ email: 'op@gl.test', role: 'operator' }, { email: 'an@gl.test', role: 'analyst' }]);
  op = as(app, await loginAs(app, 'op@gl.test'));
  analyst = as(app, await loginAs(app, 'an@gl.test'));
  await makeWorkspace(database, 'gl-other', [{ email: 'op@gl-other.test', role: 'operator' }]);
  stranger = as(app, await loginAs(app, 'op@gl-other.test'));
  const at = new Date().toISOString();
  g = await ingestIntoGroups(database, ws, GROUPS.flatMap((grp) => NAMES.map((n) => groupEvent(`j-${grp}-${n}`, 'member.joined', grp, n, at))), GROUPS);
  for (const r of await rows<{ id: string; name: string }>(database.db, sql`select id, display_name as name from members where workspace_id = ${ws.id}`)) m[r.name] = r.id;
  const product = (await op.post('/api/v1/products', { name: '车厘子', skus: [{ name: '2斤装', priceCents: 9_999, stock: 500 }] })).json();
  skuId = product.skus[0].id;
});
afterAll(async () => { await app.close(); await database.drop(); });

describe('appointing leaders', () => {
  it('validates the pickup point and rate, naming the field', async () => {
    const bad = await op.post('/api/v1/group-leaders', {
      memberId: m.amy, communityId: g.g1, commissionBps: 3001, pickupName: '', pickupAddress: 'x'.repeat(201), pickupPhone: '12345', pickupHours: '9-21',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['commissionBps', 'pickupAddress', 'pickupName', 'pickupPhone']);
    const landline = await op.post('/api/v1/group-leaders', { memberId: m.amy, communityId: g.g1, commissionBps: 0, ...pickup, pickupPhone: '010-12345678' });
    expect([landline.statusCode, landline.json().pickupPhone]).toEqual([201, '010-12345678']);
    expect((await analyst.post('/api/v1/group-leaders', { memberId: m.bob, communityId: g.g1, commissionBps: 0, ...pickup })).statusCode).toBe(403);
    const nobody = await op.post('/api/v1/group-leaders', { memberId: '00000000-0000-4000-8000-000000000000', communityId: g.g1, commissionBps: 0, ...pickup });
    expect([nobody.statusCode, nobody.json().error.fields[0].path]).toEqual([404, 'memberId']);
  });

  it('keeps one active leader per community; suspends, reactivates and edits', async () => {
    // Two appointments to one community at once: one leader, the other refused.
    const both = await Promise.all(['bob', 'cat'].map((who) => op.post('/api/v1/group-leaders', { memberId: m[who], communityId: g.g6, commissionBps: 500, ...pickup })));
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(both.find((r) => r.statusCode === 409)!.json().error.fields[0].path).toBe('communityId');
    // Start again from no leader, so the rest reads as its own story.
    await db(sql`delete from group_leaders where community_id = ${g.g6}`);
    const id = await appoint('bob', 'g6', 500);
    const second = await op.post('/api/v1/group-leaders', { memberId: m.cat, communityId: g.g6, commissionBps: 500, ...pickup });
    expect([second.statusCode, second.json().error.fields[0].path]).toEqual([409, 'communityId']);
    const again = await op.post('/api/v1/group-leaders', { memberId: m.bob, communityId: g.g6, commissionBps: 500, ...pickup });
    expect([again.statusCode, again.json().error.fields[0].path]).toEqual([409, 'memberId']);
    expect((await op.post(`/api/v1/group-leaders/${id}/suspend`)).json()).toMatchObject({ status: 'suspended' });
    const cat = await appoint('cat', 'g6', 800);
    const back = await op.post(`/api/v1/group-leaders/${id}/reactivate`);
    expect([back.statusCode, back.json().error.fields[0].path]).toEqual([409, 'communityId']);
    await op.post(`/api/v1/group-leaders/${cat}/suspend`);
    expect((await op.post(`/api/v1/group-leaders/${id}/reactivate`)).json()).toMatchObject({ status: 'active', suspendedAt: null });
    const edited = await op.put(`/api/v1/group-leaders/${id}`, { ...pickup, pickupName: '新自提点', commissionBps: 1500 });
    expect(edited.json()).toMatchObject({ pickupName: '新自提点', commissionBps: 1500, memberName: 'bob', communityName: expect.any(String) });
    const badEdit = await op.put(`/api/v1/group-leaders/${id}`, { ...pickup, pickupPhone: 'call me', commissionBps: 1500 });
    expect([badEdit.statusCode, badEdit.json().error.fields[0].path]).toEqual([400, 'pickupPhone']);
    const list = (await analyst.get('/api/v1/group-leaders?status=suspended')).json();
    expect(list.items.map((l: { id: string }) => l.id)).toEqual([cat]);
  });
});

describe('collecting orders', () => {
  it('attributes a paid order of the community to its leader once, snapshotting the pickup point, for buyers with or without a channel identity and for group-buys', async () => {
    const id = await appoint('dan', 'g2', 1000);
    const paid = await order('eve', 'g2', 2);
    const elsewhere = await order('eve', 'g5');
    const unpaid = await order('fay', 'g2');
    await pay(paid);
    await pay(elsewhere);
    await replayAll();
    // Editing the point later does not move orders collected before.
    await op.put(`/api/v1/group-leaders/${id}`, { ...pickup, pickupName: '换了地方', commissionBps: 1000 });
    // A member nobody knows on any channel gets no order.paid event, and is collected all the same.
    const ghost = (await one<{ id: string }>(database.db, sql`
      insert into members (workspace_id, display_name, first_seen_at) values (${ws.id}, 'ghost', now()) returning id`))!.id;
    m.ghost = ghost;
    const ghostOrder = await order('ghost', 'g2');
    await pay(ghostOrder);
    const dealId = (await op.post('/api/v1/group-buy/deals', { name: '二人团', skuId, groupSize: 2, windowHours: 24, groupPriceCents: 6_000 })).json().id;
    const opened = await tenant((ctx) => openGroup(ctx, dealId, { memberId: m.gus!, idempotencyKey: key('gus'), communityId: g.g2 }));
    const joined = await tenant((ctx) => joinGroup(ctx, opened.group.id, { memberId: m.hal!, idempotencyKey: key('hal') }));
    await pay(opened.orderId);
    await pay(joined.orderId);
    const list = (await op.get(`/api/v1/group-leaders/${id}/orders?pickup=waiting`)).json();
    expect(list.items.map((o: { orderId: string }) => o.orderId).sort()).toEqual([paid, ghostOrder, opened.orderId, joined.orderId].sort());
    const row = list.items.find((o: { orderId: string }) => o.orderId === paid);
    expect(row).toMatchObject({ buyerName: 'eve', orderStatus: 'paid', paidCents: 19_998, commissionCents: 1_999, pickupName: '幸福里自提点', lines: [{ productName: '车厘子', skuName: '2斤装', quantity: 2 }] });
    expect(list.items.find((o: { orderId: string }) => o.orderId === joined.orderId)).toMatchObject({ paidCents: 6_000, commissionCents: 600, buyerName: 'hal' });
    expect(list.items.find((o: { orderId: string }) => o.orderId === ghostOrder)).toMatchObject({ buyerName: 'ghost', pickupName: '换了地方' });
    const counted = await rows<{ n: number }>(database.db, sql`select count(*)::int as n from leader_orders where order_id in (${paid}, ${elsewhere}, ${unpaid})`);
    expect(counted[0]!.n).toBe(1);
    expect(await entries(paid)).toEqual([{ kind: 'commission', amount: 1_999, status: 'frozen' }]);
    expect(await leader(id)).toMatchObject({ orders: 4, toHandOver: 4, frozenCents: 1_999 + 999 + 600 + 600, availableCents: 0 });
  });
});

describe('leader commission', () => {
  it('is frozen, then released exactly once by two overlapping job runs', async () => {
    const id = await appoint('amy', 'g3', 1234);
    const o = await order('bob', 'g3');
    await pay(o);
    // floor(9999 × 1234 / 10000) = 1233
    expect(await wallet(id)).toEqual({ frozen: 1_233, available: 0, reversed: 0 });
    expect(await runLeaderCommissionRelease(database, 500, new Date(Date.now() + 6 * DAY))).toBe(0);
    const later = new Date(Date.now() + 8 * DAY);
    await Promise.all([runLeaderCommissionRelease(database, 500, later), runLeaderCommissionRelease(database, 500, later)]);
    await runLeaderCommissionRelease(database, 500, later);
    expect(await wallet(id)).toEqual({ frozen: 0, available: 1_233, reversed: 0 });
    expect(await entries(o)).toEqual([{ kind: 'commission', amount: 1_233, status: 'available' }]);
  });

  it('a partial then a full refund reverse it in proportion, once per refund, before and after release', async () => {
    const id = await appoint('cat', 'g4', 1234);
    const o = await order('dan', 'g4');
    await pay(o);
    await refund(o, 3_333);
    // floor(1233 × 3333 / 9999) = 411, taken from the frozen commission
    expect(await wallet(id)).toEqual({ frozen: 822, available: 0, reversed: 411 });
    await runLeaderCommissionRelease(database, 500, new Date(Date.now() + 8 * DAY));
    expect(await wallet(id)).toEqual({ frozen: 0, available: 822, reversed: 411 });
    await refund(o, 6_666);
    expect(await orderStatus(o)).toBe('refunded');
    await replayAll();
    expect(await wallet(id)).toEqual({ frozen: 0, available: 0, reversed: 1_233 });
    expect(await entries(o)).toEqual([
      { kind: 'commission', amount: 1_233, status: 'available' },
      { kind: 'reversal', amount: -411, status: 'available' },
      { kind: 'reversal', amount: -822, status: 'available' },
    ]);
    const refunds = await rows<{ n: number }>(database.db, sql`select count(*)::int as n from leader_refunds where order_id = ${o}`);
    expect(refunds[0]!.n).toBe(2);
    // Even were the orders module to report a refund twice, at once, it would reverse nothing more.
    const seen = await rows<{ id: string; amount: number }>(database.db, sql`select refund_id as id, refund_cents::float8 as amount from leader_refunds where order_id = ${o}`);
    const again = await Promise.all(seen.flatMap((r) => [0, 1].map(() => tenant((ctx) => reverseLeaderCommission(ctx, { refundId: r.id, orderId: o, amountCents: r.amount })))));
    expect(again).toEqual([null, null, null, null]);
    expect(await wallet(id)).toEqual({ frozen: 0, available: 0, reversed: 1_233 });
    // Refunded in full: nothing to hand over.
    const hand = await op.post(`/api/v1/group-leaders/${id}/orders/${o}/hand-over`, {});
    expect([hand.statusCode, hand.json().error.fields[0].path]).toEqual([409, 'status']);
  });
});

describe('handing over', () => {
  it('marks the order picked up once and fulfils it', async () => {
    const id = (await op.get(`/api/v1/group-leaders?communityId=${g.g2}&status=active`)).json().items[0].id as string;
    const o = await order('fay', 'g2');
    await pay(o);
    // Two staff marking it at once: one mark, one fulfilment, the same answer to both.
    const [first, second] = await Promise.all([0, 1].map(() => op.post(`/api/v1/group-leaders/${id}/orders/${o}/hand-over`, {})));
    expect(first!.json()).toMatchObject({ orderStatus: 'fulfilled', handedOverAt: expect.any(String) });
    expect([second!.statusCode, second!.json().handedOverAt]).toEqual([200, first!.json().handedOverAt]);
    const transitions = await rows<{ n: number }>(database.db, sql`select count(*)::int as n from order_transitions where order_id = ${o} and to_status = 'fulfilled'`);
    expect(transitions[0]!.n).toBe(1);
    const waiting = (await op.get(`/api/v1/group-leaders/${id}/orders?pickup=waiting`)).json().items.map((x: { orderId: string }) => x.orderId);
    expect(waiting).not.toContain(o);
    const done = (await op.get(`/api/v1/group-leaders/${id}/orders?pickup=handed_over`)).json().items.map((x: { orderId: string }) => x.orderId);
    expect(done).toEqual([o]);
    // An order of another leader's list, or none, is not found.
    const other = (await op.get(`/api/v1/group-leaders?communityId=${g.g3}`)).json().items[0].id as string;
    expect((await op.post(`/api/v1/group-leaders/${other}/orders/${o}/hand-over`, {})).statusCode).toBe(404);
  });

  it('another workspace\'s leader is not found', async () => {
    const id = (await op.get(`/api/v1/group-leaders?communityId=${g.g2}`)).json().items[0].id as string;
    const some = '00000000-0000-4000-8000-000000000001';
    const answers = await Promise.all([
      stranger.get(`/api/v1/group-leaders/${id}`),
      stranger.put(`/api/v1/group-leaders/${id}`, { ...pickup, commissionBps: 3000 }),
      stranger.put(`/api/v1/group-leaders/${id}`, { commissionBps: 'lots' }),
      stranger.post(`/api/v1/group-leaders/${id}/suspend`),
      stranger.get(`/api/v1/group-leaders/${id}/orders`),
      stranger.post(`/api/v1/group-leaders/${id}/orders/${some}/hand-over`, {}),
    ]);
    expect(answers.map((r) => r.statusCode)).toEqual([404, 404, 404, 404, 404, 404]);
    expect((await stranger.get('/api/v1/group-leaders')).json().total).toBe(0);
    expect(await leader(id)).toMatchObject({ status: 'active', commissionBps: 1000 });
  });
});
