import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../test/helpers/database.js';
import { makeWorkspace } from '../../../../test/helpers/app.js';
import { groupEvent } from '../../../../test/helpers/events.js';
import { one, rows, sql } from '../../../db/client.js';
import { withTenant, type TenantCtx, type WorkspaceRef } from '../../../core/context.js';
import { AppError } from '../../../core/errors.js';
import { ingestEvents } from '../../tracking/ingest-events.js';
import { setPointsSettings } from '../../loyalty/points/set-points-settings.js';
import { createProduct } from '../catalogue/save-product.js';
import { createOrder } from './create-order.js';
import { getOrder } from './get-order.js';
import { markOrderPaid, tryCancelOrder, fulfilOrder, completeOrder, cancelOrder } from './transition-order.js';
import { runOrderExpiry } from './expire-orders.js';
import { setUnpaidTimeout } from './settings.js';
import { couponInputSchema } from '../coupons/contracts.js';
import { createCoupon } from '../coupons/save-coupon.js';
import { claimCoupon } from '../coupons/claim-coupon.js';
import { redeemCoupon } from '../coupons/redeem-coupon.js';
import { applyAsDistributor, approveDistributor } from '../distribution/index.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let ws: WorkspaceRef;
const m: string[] = [];
let communityId: string;
const system = { kind: 'system' as const, name: 'test' };
const tenant = <T>(fn: (ctx: TenantCtx) => Promise<T>) => withTenant(database, ws, system, fn);
// The 2,000 buyers on both drivers: PGlite serialises them on its one connection (about 9 s), a
// server runs them four at a time through the pool, contending on the one SKU row.
const BUYERS = 2000;
const stockOf = async (skuId: string) => (await one<{ s: number }>(database.db, sql`select stock as s from product_skus where id = ${skuId}`))!.s;
const newSku = async (stock: number, priceCents = 1990, name = '蜂蜜') => (await tenant((ctx) => createProduct(ctx, {
  name, description: '', status: 'on_sale', skus: [{ name: '500g', priceCents, stock }],
}))).skus[0]!.id;

beforeAll(async () => {
  database = await createTestDatabase();
  ws = await makeWorkspace(database, 'orders', []);
  const now = new Date().toISOString();
  for (let start = 0; start < BUYERS; start += 1000) {
    const names = Array.from({ length: Math.min(1000, BUYERS - start) }, (_, i) => `b${start + i}`);
    await tenant((ctx) => ingestEvents(ctx, names.map((n) => groupEvent(`j-${n}`, 'member.joined', 'shop', n, now))));
  }
  const found = await rows<{ id: string; name: string }>(database.db, sql`select id, display_name as name from members where workspace_id = ${ws.id}`);
  const byName = new Map(found.map((r) => [r.name, r.id]));
  for (let i = 0; i < BUYERS; i++) m.push(byName.get(`b${i}`)!);
  communityId = (await one<{ id: string }>(database.db, sql`select id from communities where external_id = 'shop'`))!.id;
}, 120_000);
afterAll(async () => { await database.drop(); });

describe('orders', () => {
  it(`${BUYERS} concurrent buyers for 100 units sell exactly 100, and stock never goes negative`, async () => {
    const sku = await newSku(100);
    const results = await Promise.allSettled(m.map((memberId, i) => tenant((ctx) => createOrder(ctx, { memberId, lines: [{ skuId: sku, quantity: 1 }], idempotencyKey: `rush-${i}-0001` }))));
    const sold = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(sold).toHaveLength(100);
    expect(refused.every((r) => r.reason instanceof AppError && r.reason.fields[0]?.path === 'lines.0.quantity')).toBe(true);
    expect(await stockOf(sku)).toBe(0);
    const lines = await one<{ n: number; q: number }>(database.db, sql`select count(*)::int as n, sum(quantity)::int as q from order_lines where sku_id = ${sku}`);
    expect(lines).toEqual({ n: 100, q: 100 });
  }, 120_000);

  it('keeps the price at order time, totals in cents, discounts never below 0, replays answer the first order', async () => {
    const a = await newSku(10, 1250, '茶叶');
    const b = await newSku(10, 399, '茶杯');
    const input = { memberId: m[0]!, lines: [{ skuId: a, quantity: 2 }, { skuId: b, quantity: 1 }, { skuId: a, quantity: 1 }], idempotencyKey: 'price-0001',
      attribution: { communityId, campaign: '双十一', variant: 'A' }, discounts: [{ source: 'coupon', ref: 'claim-1', amountCents: 500 }] };
    const first = await tenant((ctx) => createOrder(ctx, input));
    expect(first).toMatchObject({ created: true, subtotalCents: 3 * 1250 + 399, discountCents: 500, totalCents: 3 * 1250 + 399 - 500, status: 'created', communityId, campaign: '双十一' });
    expect(first.lines.map((l) => [l.unitPriceCents, l.quantity, l.lineCents]).sort()).toEqual([[1250, 3, 3750], [399, 1, 399]].sort());
    await database.db.execute(sql`update product_skus set price_cents = 9999 where id = ${a}`);
    const again = await tenant((ctx) => createOrder(ctx, input));
    expect([again.created, again.id, again.totalCents]).toEqual([false, first.id, first.totalCents]);
    expect(await stockOf(a)).toBe(7);
    const free = await tenant((ctx) => createOrder(ctx, { memberId: m[1]!, lines: [{ skuId: b, quantity: 1 }], idempotencyKey: 'free-0001', discounts: [{ source: 'coupon', ref: 'x', amountCents: 10_000 }] }));
    expect([free.discountCents, free.totalCents]).toEqual([399, 0]);
  });

  it('an order that cannot be filled takes no stock from any of its lines', async () => {
    const a = await newSku(5);
    const b = await newSku(1);
    await expect(tenant((ctx) => createOrder(ctx, { memberId: m[2]!, lines: [{ skuId: a, quantity: 2 }, { skuId: b, quantity: 2 }], idempotencyKey: 'short-0001' })))
      .rejects.toMatchObject({ code: 'conflict' });
    expect([await stockOf(a), await stockOf(b)]).toEqual([5, 1]);
    await database.db.execute(sql`update products set status = 'off_sale' where id = (select product_id from product_skus where id = ${a})`);
    await expect(tenant((ctx) => createOrder(ctx, { memberId: m[2]!, lines: [{ skuId: a, quantity: 1 }], idempotencyKey: 'off-0001' })))
      .rejects.toMatchObject({ message: 'product: off sale' });
  });

  it('an unpaid order times out once, its stock returned once, even with the job running twice at once', async () => {
    const sku = await newSku(3);
    await tenant((ctx) => setUnpaidTimeout(ctx, 1));
    const o = await tenant((ctx) => createOrder(ctx, { memberId: m[3]!, lines: [{ skuId: sku, quantity: 2 }], idempotencyKey: 'late-0001' }));
    expect(await stockOf(sku)).toBe(1);
    expect(await runOrderExpiry(database, 500, new Date())).toBe(0);
    const later = new Date(Date.now() + 61_000);
    const [x, y] = await Promise.all([runOrderExpiry(database, 500, later), runOrderExpiry(database, 500, later)]);
    expect(x + y).toBe(1);
    expect(await runOrderExpiry(database, 500, later)).toBe(0);
    expect(await stockOf(sku)).toBe(3);
    const after = await tenant((ctx) => getOrder(ctx, o.id));
    expect([after.status, after.cancelReason]).toEqual(['cancelled', 'unpaid timeout']);
    expect(after.history.map((h) => h.toStatus)).toEqual(['created', 'cancelled']);
    await tenant((ctx) => setUnpaidTimeout(ctx, 30));
  });

  it('concurrent pay and cancel of one order: exactly one wins', async () => {
    const sku = await newSku(20);
    for (let i = 0; i < 5; i++) {
      const o = await tenant((ctx) => createOrder(ctx, { memberId: m[4]!, lines: [{ skuId: sku, quantity: 1 }], idempotencyKey: `race-${i}-0001` }));
      const [paid, cancelled] = await Promise.all([
        tenant((ctx) => markOrderPaid(ctx, o.id, { amountCents: o.totalCents })),
        tenant((ctx) => tryCancelOrder(ctx, o.id, 'buyer cancelled')),
      ]);
      expect(Number(paid) + Number(cancelled)).toBe(1);
      const after = await tenant((ctx) => getOrder(ctx, o.id));
      expect(after.status).toBe(paid ? 'paid' : 'cancelled');
      expect(after.history).toHaveLength(2);
    }
    const left = await stockOf(sku);
    const paidCount = (await one<{ n: number }>(database.db, sql`select count(*)::int as n from orders o join order_lines l on l.order_id = o.id where l.sku_id = ${sku} and o.status = 'paid'`))!.n;
    expect(left).toBe(20 - paidCount);
  });

  it('walks created → paid → fulfilled → completed and refuses steps out of order', async () => {
    const sku = await newSku(5);
    const o = await tenant((ctx) => createOrder(ctx, { memberId: m[5]!, lines: [{ skuId: sku, quantity: 1 }], idempotencyKey: 'walk-0001' }));
    await expect(tenant((ctx) => fulfilOrder(ctx, o.id))).rejects.toMatchObject({ code: 'conflict', fields: [{ path: 'status' }] });
    expect(await tenant((ctx) => markOrderPaid(ctx, o.id, { amountCents: o.totalCents }))).toBe(true);
    expect(await tenant((ctx) => markOrderPaid(ctx, o.id, { amountCents: o.totalCents }))).toBe(false);
    await expect(tenant((ctx) => cancelOrder(ctx, o.id))).rejects.toMatchObject({ code: 'conflict' });
    await tenant((ctx) => fulfilOrder(ctx, o.id));
    const done = await tenant((ctx) => completeOrder(ctx, o.id));
    expect(done.history.map((h) => h.toStatus)).toEqual(['created', 'paid', 'fulfilled', 'completed']);
    expect(done.paidCents).toBe(o.totalCents);
  });

  it('a paid order reaches the points ledger once through order.paid', async () => {
    await tenant((ctx) => setPointsSettings(ctx, { expiryDays: null, rules: [{ activity: 'order', points: 2, dailyCap: null, enabled: true }] }));
    const sku = await newSku(5, 5050);
    const o = await tenant((ctx) => createOrder(ctx, { memberId: m[6]!, lines: [{ skuId: sku, quantity: 2 }], idempotencyKey: 'points-0001', attribution: { communityId } }));
    await tenant((ctx) => markOrderPaid(ctx, o.id, { amountCents: o.totalCents }));
    await tenant((ctx) => markOrderPaid(ctx, o.id, { amountCents: o.totalCents }));
    const balance = await one<{ b: number }>(database.db, sql`select balance as b from points_accounts where member_id = ${m[6]!}`);
    expect(balance?.b).toBe(101 * 2); // 101.00 yuan at 2 points a yuan
    const events = await rows<{ type: string; communityId: string | null }>(database.db, sql`
      select type, community_id as "communityId" from events where workspace_id = ${ws.id} and type = 'order.paid' and data->>'orderId' = ${o.id}`);
    expect(events).toEqual([{ type: 'order.paid', communityId }]);
  });

  it('works with the coupons and distribution verbs: a cancelled order gives its coupon back, a distributor\'s order pays commission', async () => {
    const sku = await newSku(5, 3000);
    const coupon = await tenant((ctx) => createCoupon(ctx, couponInputSchema.parse({ name: '立减5元', kind: 'no_threshold', amountOffCents: 500, validDays: 7, totalLimit: null, perMemberLimit: null })));
    const claim = await tenant((ctx) => claimCoupon(ctx, coupon.id, { memberId: m[7]!, idempotencyKey: 'claim-0001' }));
    const order = await tenant(async (ctx) => {
      const orderId = crypto.randomUUID();
      const used = await redeemCoupon(ctx, { claimId: claim.id, memberId: m[7]!, orderId, subtotalCents: 3000, idempotencyKey: 'redeem-0001' });
      return createOrder(ctx, { orderId, memberId: m[7]!, lines: [{ skuId: sku, quantity: 1 }], idempotencyKey: 'coupon-0001', discounts: [{ source: 'coupon', ref: claim.id, amountCents: used.discountCents }] });
    });
    expect([order.discountCents, order.totalCents]).toEqual([500, 2500]);
    const status = () => one<{ s: string }>(database.db, sql`select status as s from coupon_claims where id = ${claim.id}`);
    expect((await status())!.s).toBe('used');
    await tenant((ctx) => cancelOrder(ctx, order.id));
    expect((await status())!.s).toBe('claimed');
    expect(await stockOf(sku)).toBe(5);

    const d = await tenant(async (ctx) => approveDistributor(ctx, (await applyAsDistributor(ctx, { memberId: m[8]! })).id));
    const sold = await tenant((ctx) => createOrder(ctx, { memberId: m[9]!, lines: [{ skuId: sku, quantity: 1 }], idempotencyKey: 'referred-0001', attribution: { distributorId: d.id } }));
    await tenant((ctx) => markOrderPaid(ctx, sold.id, { amountCents: sold.totalCents }));
    const commission = await one<{ paid: number }>(database.db, sql`select paid_cents::int as paid from distribution_orders where order_id = ${sold.id}`);
    expect(commission?.paid).toBe(3000);
  });
});
