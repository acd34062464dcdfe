import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { createTestDatabase } from '../../../test/helpers/database.js';
import { as, loginAs, makeWorkspace, testApp } from '../../../test/helpers/app.js';
import { ingestIntoGroups } from '../../../test/helpers/events.js';
import { one, sql } from '../../db/client.js';
import { withTenant, type WorkspaceRef } from '../../core/context.js';
import { deliverSandboxNotifications } from '../commerce/payments/deliver-sandbox-notifications.js';
import { memberLink } from './member-links.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let app: FastifyInstance;
let ws: WorkspaceRef;
let other: WorkspaceRef;
let op: ReturnType<typeof as>;
let groupId: string;
const m: Record<string, string> = {};
const tokens: Record<string, string> = {};
let productId: string;
let skuId: string;
const system = { kind: 'system' as const, name: 'test' };
const MIN = 60_000;

const member = (who: string) => {
  const call = (method: 'GET' | 'POST', url: string, payload?: unknown): Promise<LightMyRequestResponse> =>
    app.inject({ method, url, payload: payload as never, headers: { authorization: `Member ${tokens[who]}` } });
  return { get: (url: string) => call('GET', url), post: (url: string, body: unknown = {}) => call('POST', url, body) };
};
const fieldOf = (res: LightMyRequestResponse) => res.json().error?.fields?.[0]?.path ?? res.json().error?.message;
const stockOf = async (id: string) => (await one<{ s: number }>(database.db, sql`select stock as s from product_skus where id = ${id}`))!.s;
async function product(name: string, priceCents: number, stock: number): Promise<{ productId: string; skuId: string }> {
  const res = await op.post('/api/v1/products', { name, skus: [{ name: '标准', priceCents, stock }] });
  expect(res.statusCode, res.body).toBe(201);
  return { productId: res.json().id, skuId: res.json().skus[0].id };
}

beforeAll(async () => {
  database = await createTestDatabase();
  app = await testApp(database);
  ws = await makeWorkspace(database, 'member-shop', [{ email: 'op@ms.test', role: 'operator' }]);
  other = await makeWorkspace(database, 'member-shop-other', [{ email: 'op@ms-other.test', role: 'operator' }]);
  op = as(app, await loginAs(app, 'op@ms.test'));
  const at = new Date(Date.now() - 3_600_000).toISOString();
  const join = (g: string, who: string) => ({ id: `j-${who}`, type: 'member.joined', occurredAt: at, community: { channel: 'sandbox', externalId: g, name: '福利群' }, member: { channel: 'sandbox', externalId: who, name: who }, data: {} });
  groupId = (await ingestIntoGroups(database, ws, ['amy', 'bob', 'cat'].map((w) => join('ms-g1', w)), ['ms-g1']))['ms-g1']!;
  await ingestIntoGroups(database, other, [join('ms-g2', 'zed')], ['ms-g2']);
  for (const [w, who] of [[ws, 'amy'], [ws, 'bob'], [ws, 'cat'], [other, 'zed']] as const) {
    m[who] = (await one<{ id: string }>(database.db, sql`select member_id as id from member_identities where external_id = ${who}`))!.id;
    tokens[who] = (await withTenant(database, w, system, (ctx) => memberLink(ctx, m[who]!, { baseUrl: 'https://shequn.example.com' }))).token;
  }
  ({ productId, skuId } = await product('坚果礼盒', 10_000, 20));
});
afterAll(async () => { await app?.close(); await database?.drop(); });

describe('商城 and 我的订单 on the member token', () => {
  it('a member sees the products, buys with a coupon and the quote shown, pays in the sandbox, and the order is theirs and paid', async () => {
    const list = await member('amy').get('/api/m/products');
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().items).toEqual([{ id: productId, name: '坚果礼盒', description: '', skus: [{ id: skuId, name: '标准', priceCents: 10_000, currency: 'CNY', stock: 20 }] }]);
    expect((await member('amy').get(`/api/m/products/${productId}`)).json().skus[0].stock).toBe(20);

    const coupon = await op.post('/api/v1/coupons', { name: '满100减15', kind: 'threshold', amountOffCents: 1_500, minSpendCents: 10_000, validDays: 7, totalLimit: null, perMemberLimit: null });
    expect(coupon.statusCode, coupon.body).toBe(201);
    const claimId = (await op.post(`/api/v1/coupons/${coupon.json().id}/claims`, { memberId: m.amy, idempotencyKey: 'amy-claim-1' })).json().id as string;
    const quote = await member('amy').get(`/api/m/checkout/quote?skuId=${skuId}&quantity=2&claimId=${claimId}`);
    expect(quote.json()).toEqual({ subtotalCents: 20_000, discountCents: 1_500, payableCents: 18_500, couponName: '满100减15' });
    // Bob cannot quote, let alone spend, Amy's coupon.
    expect((await member('bob').get(`/api/m/checkout/quote?skuId=${skuId}&quantity=2&claimId=${claimId}`)).statusCode).toBe(404);

    const bought = await member('amy').post('/api/m/orders', { skuId, quantity: 2, claimId, idempotencyKey: 'amy-buy-0001' });
    expect(bought.statusCode, bought.body).toBe(200);
    const order = bought.json();
    expect(order).toMatchObject({ status: 'created', subtotalCents: 20_000, discountCents: 1_500, totalCents: 18_500, created: true, lines: [{ productName: '坚果礼盒', quantity: 2 }] });
    expect(order).not.toHaveProperty('memberId');
    expect(await stockOf(skuId)).toBe(18);
    const attributed = await one<{ c: string | null }>(database.db, sql`select community_id as c from orders where id = ${order.id}`);
    expect(attributed!.c).toBe(groupId);
    // The coupon is spent: a second order with it is refused on the field.
    const again = await member('amy').post('/api/m/orders', { skuId, quantity: 1, claimId, idempotencyKey: 'amy-buy-0002' });
    expect([again.statusCode, fieldOf(again)]).toEqual([409, 'claimId']);

    const payment = await member('amy').post(`/api/m/orders/${order.id}/pay`);
    expect(payment.statusCode, payment.body).toBe(200);
    expect(payment.json()).toMatchObject({ provider: 'sandbox', amountCents: 18_500, status: 'pending' });
    expect((await member('amy').post(`/api/m/orders/${order.id}/pay`)).json().id).toBe(payment.json().id); // a second tap, the same payment
    const paid = await member('amy').post(`/api/m/orders/${order.id}/payments/${payment.json().id}/sandbox`, { outcome: 'succeeded' });
    expect(paid.statusCode, paid.body).toBe(200);
    expect((await member('amy').get(`/api/m/orders/${order.id}`)).json().status).toBe('created'); // until the notification is delivered
    await deliverSandboxNotifications(database);
    expect((await member('amy').get(`/api/m/orders/${order.id}`)).json()).toMatchObject({ status: 'paid', paidCents: 18_500 });
    const mine = (await member('amy').get('/api/m/orders')).json();
    expect([mine.total, mine.items[0].id, mine.items[0].lines[0].skuName]).toEqual([1, order.id, '标准']);
    expect((await member('amy').post(`/api/m/orders/${order.id}/cancel`)).statusCode).toBe(409);
  });

  it('the same key tapped twice, even at once, places one order and takes the stock once', async () => {
    const before = await stockOf(skuId);
    const tries = await Promise.all([1, 2, 3].map(() => member('bob').post('/api/m/orders', { skuId, quantity: 1, idempotencyKey: 'bob-double-tap' })));
    expect(tries.map((r) => r.statusCode)).toEqual([200, 200, 200]);
    expect(new Set(tries.map((r) => r.json().id)).size).toBe(1);
    expect(tries.filter((r) => r.json().created)).toHaveLength(1);
    expect(await stockOf(skuId)).toBe(before - 1);
    // Another member's same key is their own order, never Bob's.
    const cat = await member('cat').post('/api/m/orders', { skuId, quantity: 1, idempotencyKey: 'bob-double-tap' });
    expect([cat.json().created, cat.json().id === tries[0]!.json().id]).toEqual([true, false]);
  });

  it('another member cannot see, pay or cancel an order; the owner cancels it unpaid and the stock comes back', async () => {
    const order = (await member('bob').post('/api/m/orders', { skuId, quantity: 3, idempotencyKey: `bob-${randomUUID()}` })).json();
    const stock = await stockOf(skuId);
    for (const res of [
      await member('cat').get(`/api/m/orders/${order.id}`), await member('cat').post(`/api/m/orders/${order.id}/cancel`), await member('cat').post(`/api/m/orders/${order.id}/pay`),
    ]) expect([res.statusCode, res.json().error.message]).toEqual([404, 'order not found']);
    expect((await member('cat').get('/api/m/orders')).json().items.map((o: { id: string }) => o.id)).not.toContain(order.id);
    const payment = (await member('bob').post(`/api/m/orders/${order.id}/pay`)).json();
    expect((await member('cat').post(`/api/m/orders/${order.id}/payments/${payment.id}/sandbox`, {})).statusCode).toBe(404);
    const cancelled = await member('bob').post(`/api/m/orders/${order.id}/cancel`);
    expect([cancelled.statusCode, cancelled.json().status]).toEqual([200, 'cancelled']);
    expect(await stockOf(skuId)).toBe(stock + 3);
  });

  it('a token of another workspace sees nothing of this one', async () => {
    const order = (await member('amy').post('/api/m/orders', { skuId, quantity: 1, idempotencyKey: `amy-${randomUUID()}` })).json();
    expect((await member('zed').get('/api/m/products')).json().items).toEqual([]);
    expect((await member('zed').get(`/api/m/products/${productId}`)).statusCode).toBe(404);
    expect((await member('zed').get(`/api/m/orders/${order.id}`)).statusCode).toBe(404);
    expect((await member('zed').post(`/api/m/orders/${order.id}/cancel`)).statusCode).toBe(404);
    expect((await member('zed').post('/api/m/orders', { skuId, quantity: 1, idempotencyKey: 'zed-steal-01' })).statusCode).toBe(404);
    expect((await member('zed').get('/api/m/orders')).json().total).toBe(0);
    expect((await member('zed').get('/api/m/group-buy')).json()).toEqual({ deals: [], groups: [] });
    expect((await member('zed').get('/api/m/flash-sales')).json().items).toEqual([]);
  });

  it('validation errors and refusals name the field', async () => {
    const zero = await member('amy').post('/api/m/orders', { skuId, quantity: 0, idempotencyKey: 'amy-bad-0001' });
    expect([zero.statusCode, fieldOf(zero)]).toEqual([400, 'quantity']);
    const bad = await member('amy').post('/api/m/orders', { skuId: 'nope', idempotencyKey: 'amy-bad-0002' });
    expect([bad.statusCode, fieldOf(bad)]).toEqual([400, 'skuId']);
    const short = await member('amy').post('/api/m/orders', { skuId, quantity: 99, idempotencyKey: 'amy-bad-0003' });
    expect([short.statusCode, fieldOf(short)]).toEqual([409, 'quantity']);
    expect((await app.inject({ method: 'POST', url: '/api/m/orders', payload: { skuId, idempotencyKey: 'anon-000001' } })).statusCode).toBe(401);
  });
});

describe('拼团 on the member token', () => {
  it('a member opens a group, another joins through its share link; nobody joins their own group or twice; names only', async () => {
    const gb = await product('车厘子', 10_000, 10);
    const deal = await op.post('/api/v1/group-buy/deals', { name: '车厘子三人团', skuId: gb.skuId, groupSize: 3, windowHours: 24, groupPriceCents: 5_990 });
    expect(deal.statusCode, deal.body).toBe(201);
    const open = (await member('amy').get('/api/m/group-buy')).json();
    expect(open.deals).toEqual([expect.objectContaining({ id: deal.json().id, priceCents: 10_000, groupPriceCents: 5_990, groupSize: 3 })]);

    const opened = await member('amy').post(`/api/m/group-buy/deals/${deal.json().id}/groups`, { idempotencyKey: 'amy-open-0001' });
    expect(opened.statusCode, opened.body).toBe(200);
    const group = opened.json().group;
    expect(group).toMatchObject({ size: 3, seatsTaken: 1, paidCount: 0, status: 'open', members: [{ name: 'amy', role: 'opener', paid: false, you: true }] });
    expect((await member('amy').post(`/api/m/group-buy/deals/${deal.json().id}/groups`, { idempotencyKey: 'amy-open-0001' })).json()).toMatchObject({ created: false, group: { id: group.id } });

    const own = await member('amy').post(`/api/m/group-buy/groups/${group.id}/join`, { idempotencyKey: 'amy-join-0001' });
    expect([own.statusCode, fieldOf(own)]).toEqual([409, 'memberId']);
    const shared = await member('bob').get(`/api/m/group-buy/groups/${group.id}`);
    expect(shared.json()).toMatchObject({ mine: null, members: [{ name: 'amy', you: false }] });
    expect(shared.body).not.toContain(m.amy!);
    const joined = await member('bob').post(`/api/m/group-buy/groups/${group.id}/join`, { idempotencyKey: 'bob-join-0001' });
    expect(joined.statusCode, joined.body).toBe(200);
    expect(joined.json().group).toMatchObject({ seatsTaken: 2, mine: { orderStatus: 'created' } });
    const twice = await member('bob').post(`/api/m/group-buy/groups/${group.id}/join`, { idempotencyKey: 'bob-join-0002' });
    expect([twice.statusCode, fieldOf(twice)]).toEqual([409, 'memberId']);

    // Bob pays his seat; the group counts it. His order is the group price, attributed to the opener's group.
    const orderId = joined.json().orderId as string;
    expect((await member('bob').get(`/api/m/orders/${orderId}`)).json().totalCents).toBe(5_990);
    const payment = (await member('bob').post(`/api/m/orders/${orderId}/pay`)).json();
    await member('bob').post(`/api/m/orders/${orderId}/payments/${payment.id}/sandbox`, {});
    await deliverSandboxNotifications(database);
    expect((await member('bob').get(`/api/m/group-buy/groups/${group.id}`)).json()).toMatchObject({ paidCount: 1, mine: { orderStatus: 'paid' } });
    expect((await member('bob').get('/api/m/group-buy')).json().groups.map((g: { id: string }) => g.id)).toEqual([group.id]);
    expect((await member('zed').get(`/api/m/group-buy/groups/${group.id}`)).statusCode).toBe(404);
  });
});

describe('秒杀 on the member token', () => {
  it('shows pre-heat and live sessions, buys at the sale price, and refuses over the limit and when sold out', async () => {
    const fs = await product('爆款锅', 9_900, 10);
    const create = async (over: Record<string, unknown>) => {
      const res = await op.post('/api/v1/flash-sales', { name: '双12 秒杀', startsAt: new Date(Date.now() - MIN).toISOString(), endsAt: new Date(Date.now() + 60 * MIN).toISOString(), perMemberLimit: 1, bucketCount: 1, items: [{ skuId: fs.skuId, salePriceCents: 1_990, saleStock: 2 }], ...over });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    };
    const live = await create({});
    const later = await create({ name: '明晚秒杀', startsAt: new Date(Date.now() + 60 * MIN).toISOString(), endsAt: new Date(Date.now() + 120 * MIN).toISOString(), items: [{ skuId: fs.skuId, salePriceCents: 2_990, saleStock: 1 }] });
    const list = (await member('amy').get('/api/m/flash-sales')).json().items;
    expect(list.map((s: { id: string; state: string }) => [s.id, s.state])).toEqual([[live, 'live'], [later, 'upcoming']]);
    expect(list[0]).toMatchObject({ perMemberLimit: 1, bought: 0, items: [{ priceCents: 9_900, salePriceCents: 1_990, left: 2 }] });

    const early = await member('amy').post(`/api/m/flash-sales/${later}/buy`, { skuId: fs.skuId, idempotencyKey: 'amy-early-01' });
    expect([early.statusCode, fieldOf(early)]).toEqual([409, 'startsAt']);
    const two = await member('amy').post(`/api/m/flash-sales/${live}/buy`, { skuId: fs.skuId, quantity: 2, idempotencyKey: 'amy-fs-two-01' });
    expect([two.statusCode, fieldOf(two)]).toEqual([409, 'quantity']);
    const first = await member('amy').post(`/api/m/flash-sales/${live}/buy`, { skuId: fs.skuId, idempotencyKey: 'amy-fs-0001' });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ quantity: 1, totalCents: 1_990, created: true });
    expect((await member('amy').post(`/api/m/flash-sales/${live}/buy`, { skuId: fs.skuId, idempotencyKey: 'amy-fs-0001' })).json()).toMatchObject({ orderId: first.json().orderId, created: false });
    const limit = await member('amy').post(`/api/m/flash-sales/${live}/buy`, { skuId: fs.skuId, idempotencyKey: 'amy-fs-0002' });
    expect([limit.statusCode, fieldOf(limit)]).toEqual([409, 'memberId']);
    expect((await member('amy').get('/api/m/flash-sales')).json().items[0]).toMatchObject({ bought: 1, items: [{ left: 1 }] });
    expect((await member('bob').post(`/api/m/flash-sales/${live}/buy`, { skuId: fs.skuId, idempotencyKey: 'bob-fs-0001' })).statusCode).toBe(200);
    const soldOut = await member('cat').post(`/api/m/flash-sales/${live}/buy`, { skuId: fs.skuId, idempotencyKey: 'cat-fs-0001' });
    expect([soldOut.statusCode, fieldOf(soldOut)]).toEqual([409, 'skuId']);
    expect((await member('amy').get(`/api/m/orders/${first.json().orderId}`)).json()).toMatchObject({ totalCents: 1_990, discounts: [{ source: 'flash_sale', amountCents: 7_910 }] });
  });
});
