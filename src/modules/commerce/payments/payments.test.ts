import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestDatabase } from '../../../../test/helpers/database.js';
import { as, loginAs, makeWorkspace, testApp } from '../../../../test/helpers/app.js';
import { groupEvent } from '../../../../test/helpers/events.js';
import { one, rows, sql } from '../../../db/client.js';
import { withTenant, type TenantCtx, type WorkspaceRef } from '../../../core/context.js';
import { ingestEvents } from '../../tracking/ingest-events.js';
import { setPointsSettings } from '../../loyalty/points/set-points-settings.js';
import { sandboxSecret, signSandboxBody, SANDBOX_SIGNATURE_HEADER } from './sandbox-provider.js';
import { deliverSandboxNotifications } from './deliver-sandbox-notifications.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let app: FastifyInstance;
let ws: WorkspaceRef;
let op: ReturnType<typeof as>;
let stranger: ReturnType<typeof as>;
let skuId: string;
const m: Record<string, string> = {};
const system = { kind: 'system' as const, name: 'test' };
const tenant = <T>(fn: (ctx: TenantCtx) => Promise<T>) => withTenant(database, ws, system, fn);
const notify = (body: string, signature: string) => app.inject({
  method: 'POST', url: '/api/v1/payments/sandbox/notify', payload: body, headers: { 'content-type': 'application/json', [SANDBOX_SIGNATURE_HEADER]: signature },
});
const queued = () => rows<{ body: string; signature: string }>(database.db, sql`select body, signature from sandbox_payment_outbox where workspace_id = ${ws.id} order by created_at`);
const stock = async () => (await one<{ s: number }>(database.db, sql`select stock as s from product_skus where id = ${skuId}`))!.s;
const balance = async (who: string) => (await one<{ b: number }>(database.db, sql`select balance as b from points_accounts where member_id = ${m[who]!}`))?.b ?? 0;

/** An order placed and paid through the sandbox, as the HTTP API and the delivery job do it. */
async function paidOrder(who: string, key: string, quantity = 1) {
  const order = (await op.post('/api/v1/orders', { memberId: m[who], lines: [{ skuId, quantity }], idempotencyKey: key })).json();
  const payment = (await op.post(`/api/v1/orders/${order.id}/payments`, { provider: 'sandbox' })).json();
  expect((await op.post(`/api/v1/payments/sandbox/${payment.id}/complete`, { outcome: 'succeeded' })).statusCode).toBe(200);
  await deliverSandboxNotifications(database);
  return { order, payment };
}

beforeAll(async () => {
  database = await createTestDatabase();
  app = await testApp(database);
  ws = await makeWorkspace(database, 'pay', [{ email: 'op@pay.test', role: 'operator' }]);
  await makeWorkspace(database, 'pay-other', [{ email: 'op@other.test', role: 'operator' }]);
  op = as(app, await loginAs(app, 'op@pay.test'));
  stranger = as(app, await loginAs(app, 'op@other.test'));
  await tenant((ctx) => ingestEvents(ctx, ['amy', 'bob', 'cat', 'dan'].map((n) => groupEvent(`j-${n}`, 'member.joined', 'g', n, new Date().toISOString()))));
  for (const r of await rows<{ id: string; name: string }>(database.db, sql`select id, display_name as name from members where workspace_id = ${ws.id}`)) m[r.name] = r.id;
  await tenant((ctx) => setPointsSettings(ctx, { expiryDays: null, rules: [{ activity: 'order', points: 1, dailyCap: null, enabled: true }] }));
  const product = (await op.post('/api/v1/products', { name: '坚果礼盒', skus: [{ name: '大盒', priceCents: 10_000, stock: 50 }] })).json();
  skuId = product.skus[0].id;
});
afterAll(async () => { await app.close(); await database.drop(); });

describe('sandbox payments', () => {
  it('a failed payment leaves the order unpaid; a later payment pays it, told by an asynchronous signed notification', async () => {
    const order = (await op.post('/api/v1/orders', { memberId: m.amy, lines: [{ skuId, quantity: 1 }], idempotencyKey: 'amy-0001' })).json();
    const p1 = (await op.post(`/api/v1/orders/${order.id}/payments`, {})).json();
    await op.post(`/api/v1/payments/sandbox/${p1.id}/complete`, { outcome: 'failed' });
    expect((await op.get(`/api/v1/orders/${order.id}`)).json().status).toBe('created'); // nothing until delivered
    expect(await deliverSandboxNotifications(database)).toBe(1);
    let detail = (await op.get(`/api/v1/orders/${order.id}`)).json();
    expect([detail.status, detail.payments[0].status]).toEqual(['created', 'failed']);
    const p2 = (await op.post(`/api/v1/orders/${order.id}/payments`, {})).json();
    await op.post(`/api/v1/payments/sandbox/${p2.id}/complete`, { outcome: 'succeeded' });
    await deliverSandboxNotifications(database);
    detail = (await op.get(`/api/v1/orders/${order.id}`)).json();
    expect([detail.status, detail.paidCents, detail.payments.map((p: any) => p.status)]).toEqual(['paid', 10_000, ['failed', 'succeeded']]);
    expect(await balance('amy')).toBe(100);
    const again = await op.post(`/api/v1/orders/${order.id}/payments`, {});
    expect([again.statusCode, again.json().error.fields[0].path]).toEqual([409, 'status']);
  });

  it('replayed notifications change nothing, and a bad signature is refused', async () => {
    const order = (await op.post('/api/v1/orders', { memberId: m.bob, lines: [{ skuId, quantity: 1 }], idempotencyKey: 'bob-0001' })).json();
    const payment = (await op.post(`/api/v1/orders/${order.id}/payments`, {})).json();
    await op.post(`/api/v1/payments/sandbox/${payment.id}/complete`, { outcome: 'succeeded' });
    const [n] = (await queued()).slice(-1);
    const forged = JSON.stringify({ ...JSON.parse(n!.body), amountCents: 1 });
    expect((await notify(n!.body, 'ab'.repeat(32))).statusCode).toBe(401);
    expect((await notify(forged, n!.signature)).statusCode).toBe(401);
    expect((await notify(n!.body, '')).statusCode).toBe(401);
    expect((await op.get(`/api/v1/orders/${order.id}`)).json().status).toBe('created');
    const first = await notify(n!.body, n!.signature);
    expect([first.statusCode, first.json().outcome]).toEqual([200, 'paid']);
    const replays = await Promise.all([notify(n!.body, n!.signature), notify(n!.body, n!.signature)]);
    expect(replays.map((r) => r.json().outcome)).toEqual(['replayed', 'replayed']);
    await deliverSandboxNotifications(database); // the job delivering the same one again
    const detail = (await op.get(`/api/v1/orders/${order.id}`)).json();
    expect([detail.status, detail.paidCents, detail.history.length]).toEqual(['paid', 10_000, 2]);
    expect(await balance('bob')).toBe(100);
    // A notification signed with another workspace's secret is refused too.
    const other = (await rows<{ id: string; timeZone: string }>(database.db, sql`select id, time_zone as "timeZone" from workspaces where slug = 'pay-other'`))[0]!;
    const otherSecret = await withTenant(database, other, system, (ctx) => sandboxSecret(ctx));
    const fresh = JSON.stringify({ ...JSON.parse(n!.body), notificationId: 'sbn_forged' });
    expect((await notify(fresh, signSandboxBody(otherSecret, fresh))).statusCode).toBe(401);
    expect((await notify('not json', 'ab'.repeat(32))).statusCode).toBe(400);
  });

  it('partial refunds add up, never exceed the paid amount, and take the points back in share', async () => {
    const { order } = await paidOrder('cat', 'cat-0001', 2); // 200.00 yuan, 200 points
    expect(await balance('cat')).toBe(200);
    const refund = (amountCents: number, key: string) => op.post(`/api/v1/orders/${order.id}/refunds`, { amountCents, reason: '少发一件', idempotencyKey: key });
    const r1 = await refund(5_000, 'cat-refund-1');
    expect(r1.json()).toMatchObject({ status: 'pending', amountCents: 5_000, created: true });
    expect((await refund(1_000, 'cat-refund-x')).statusCode).toBe(409); // one refund in flight at a time
    await deliverSandboxNotifications(database);
    let detail = (await op.get(`/api/v1/orders/${order.id}`)).json();
    expect([detail.status, detail.refundedCents]).toEqual(['paid', 5_000]);
    expect(await balance('cat')).toBe(150);
    expect((await refund(5_000, 'cat-refund-1')).json()).toMatchObject({ id: r1.json().id, created: false });
    const over = await refund(15_001, 'cat-refund-2');
    expect([over.statusCode, over.json().error.fields[0].path]).toEqual([409, 'amountCents']);
    await refund(15_000, 'cat-refund-3');
    await deliverSandboxNotifications(database);
    detail = (await op.get(`/api/v1/orders/${order.id}`)).json();
    expect([detail.status, detail.refundedCents, detail.refunds.map((r: any) => r.status)]).toEqual(['refunded', 20_000, ['succeeded', 'succeeded']]);
    expect(await balance('cat')).toBe(0);
    expect((await refund(1, 'cat-refund-4')).statusCode).toBe(409);
    expect(detail.history.map((h: any) => h.toStatus)).toEqual(['created', 'paid', 'refund_requested', 'paid', 'refund_requested', 'refunded']);
  });

  it('concurrent refund requests on one order: one is taken, the total stays within what was paid', async () => {
    const { order } = await paidOrder('dan', 'dan-0001');
    const tries = await Promise.all([1, 2, 3, 4].map((i) => op.post(`/api/v1/orders/${order.id}/refunds`, { amountCents: 8_000, idempotencyKey: `dan-refund-${i}` })));
    expect(tries.filter((r) => r.statusCode === 200)).toHaveLength(1);
    await deliverSandboxNotifications(database);
    const more = await op.post(`/api/v1/orders/${order.id}/refunds`, { amountCents: 8_000, idempotencyKey: 'dan-refund-5' });
    expect([more.statusCode, more.json().error.fields[0].path]).toEqual([409, 'amountCents']);
    expect((await op.get(`/api/v1/orders/${order.id}`)).json()).toMatchObject({ status: 'paid', refundedCents: 8_000 });
  });

  it('a payment arriving after the order was cancelled does not revive it or take stock again', async () => {
    const before = await stock();
    const order = (await op.post('/api/v1/orders', { memberId: m.amy, lines: [{ skuId, quantity: 1 }], idempotencyKey: 'amy-late-01' })).json();
    const payment = (await op.post(`/api/v1/orders/${order.id}/payments`, {})).json();
    await op.post(`/api/v1/payments/sandbox/${payment.id}/complete`, { outcome: 'succeeded' });
    expect((await op.post(`/api/v1/orders/${order.id}/cancel`, {})).json().status).toBe('cancelled');
    await deliverSandboxNotifications(database);
    const detail = (await op.get(`/api/v1/orders/${order.id}`)).json();
    expect([detail.status, detail.payments[0].status]).toEqual(['cancelled', 'succeeded']);
    expect(await stock()).toBe(before);
    const outcome = await one<{ outcome: string }>(database.db, sql`select outcome from payment_notifications where workspace_id = ${ws.id} order by received_at desc limit 1`);
    expect(outcome!.outcome).toBe('paid_after_close');
    // The money goes back by itself, once: the refund settles, the order stays cancelled with nothing refunded on it.
    await deliverSandboxNotifications(database);
    for (const q of await queued()) await notify(q.body, q.signature);
    const after = (await op.get(`/api/v1/orders/${order.id}`)).json();
    expect(after.refunds.map((r: { amountCents: number; status: string; paymentId: string }) => [r.amountCents, r.status, r.paymentId])).toEqual([[payment.amountCents, 'succeeded', payment.id]]);
    expect([after.status, after.refundedCents]).toEqual(['cancelled', 0]);
  });

  it('another workspace cannot pay, refund or read these orders', async () => {
    const order = (await op.post('/api/v1/orders', { memberId: m.bob, lines: [{ skuId, quantity: 1 }], idempotencyKey: 'bob-private1' })).json();
    const payment = (await op.post(`/api/v1/orders/${order.id}/payments`, {})).json();
    expect((await stranger.get(`/api/v1/orders/${order.id}`)).statusCode).toBe(404);
    expect((await stranger.post(`/api/v1/orders/${order.id}/payments`, {})).statusCode).toBe(404);
    expect((await stranger.post(`/api/v1/orders/${order.id}/refunds`, { amountCents: 1, idempotencyKey: 'steal-0001' })).statusCode).toBe(404);
    expect((await stranger.post(`/api/v1/payments/sandbox/${payment.id}/complete`, { outcome: 'succeeded' })).statusCode).toBe(404);
    expect((await stranger.get('/api/v1/orders')).json().total).toBe(0);
  });
});
