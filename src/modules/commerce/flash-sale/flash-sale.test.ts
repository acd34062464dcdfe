import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestDatabase } from '../../../../test/helpers/database.js';
import { as, loginAs, makeWorkspace, testApp } from '../../../../test/helpers/app.js';
import { shuffled } from '../../../../test/helpers/events.js';
import { one, rows, sql } from '../../../db/client.js';
import { withTenant, type TenantCtx, type WorkspaceRef } from '../../../core/context.js';
import { ingestEvents } from '../../tracking/ingest-events.js';
import { cancelOrder } from '../orders/transition-order.js';
import { runOrderExpiry } from '../orders/expire-orders.js';
import { admitBuyer, type Admitted, type Refused } from './admit-buyer.js';
import { runFlashSaleReminders } from './send-reminders.js';
import { splitStock } from './save-session.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let app: FastifyInstance;
let ws: WorkspaceRef;
let op: ReturnType<typeof as>;
let analyst: ReturnType<typeof as>;
let group: string;
const system = { kind: 'system' as const, name: 'test' };
const MIN = 60_000;
const inTenant = <T>(fn: (ctx: TenantCtx) => Promise<T>) => withTenant(database, ws, system, fn);
const fieldOf = (res: { json: () => any }) => res.json().error.fields?.[0]?.path ?? res.json().error.message;
const skuStock = async (skuId: string) => (await inTenant((ctx) => one<{ stock: number }>(ctx.db, sql`select stock from product_skus where id = ${skuId}`)))!.stock;

/** A product with one SKU at `priceCents` and `stock` units; answers the SKU id. */
async function sku(stock: number, priceCents = 9_900): Promise<string> {
  return inTenant(async (ctx) => {
    const p = (await one<{ id: string }>(ctx.db, sql`insert into products (workspace_id, name) values (${ws.id}, '爆款锅') returning id`))!;
    return (await one<{ id: string }>(ctx.db, sql`
      insert into product_skus (workspace_id, product_id, name, price_cents, stock) values (${ws.id}, ${p.id}, '标准', ${priceCents}, ${stock}) returning id`))!.id;
  });
}
async function members(n: number, prefix: string): Promise<string[]> {
  return inTenant(async (ctx) => (await rows<{ id: string }>(ctx.db, sql`
    insert into members (workspace_id, display_name, first_seen_at) select ${ws.id}, ${prefix} || g, now() from generate_series(1, ${n}) g returning id`)).map((r) => r.id));
}
const session = (skuId: string, over: Record<string, unknown> = {}) => ({
  name: '双12 秒杀', startsAt: new Date(Date.now() - MIN).toISOString(), endsAt: new Date(Date.now() + 60 * MIN).toISOString(),
  perMemberLimit: 2, items: [{ skuId, salePriceCents: 1_990, saleStock: 100 }], ...over,
});
async function create(body: Record<string, unknown>): Promise<string> {
  const res = await op.post('/api/v1/flash-sales', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}
const admit = (sessionId: string, memberId: string, skuId: string, key = randomUUID(), quantity = 1) =>
  inTenant((ctx) => admitBuyer(ctx, sessionId, { memberId, skuId, quantity, idempotencyKey: key }));

beforeAll(async () => {
  database = await createTestDatabase();
  app = await testApp(database);
  ws = await makeWorkspace(database, 'flash', [{ email: 'op@f.test', role: 'operator' }, { email: 'an@f.test', role: 'analyst' }]);
  op = as(app, await loginAs(app, 'op@f.test'));
  analyst = as(app, await loginAs(app, 'an@f.test'));
  await inTenant((ctx) => ingestEvents(ctx, [{ id: 'j1', type: 'member.joined', occurredAt: new Date().toISOString(),
    community: { channel: 'sandbox', externalId: 'sale-group', name: '秒杀群' }, member: { channel: 'sandbox', externalId: 'u1', name: '小美' }, data: {} }]));
  group = (await inTenant((ctx) => one<{ id: string }>(ctx.db, sql`select id from communities where external_id = 'sale-group'`)))!.id;
});
afterAll(async () => { await app.close(); await database.drop(); });

describe('flash sale admission', () => {
  it('2,000 concurrent buyers for 100 units: exactly 100 admitted, limits held, no bucket below 0', async () => {
    const skuId = await sku(150);
    const id = await create(session(skuId, { perMemberLimit: 2, bucketCount: 8 }));
    expect(await skuStock(skuId)).toBe(50); // the sale's 100 were set aside from the SKU
    const buyers = await members(1_200, 'buyer');
    // 100 eager buyers try 9 times each, 1,100 try once: 2,000 attempts, shuffled.
    const attempts = shuffled([...buyers.slice(0, 100).flatMap((m) => Array.from({ length: 9 }, () => m)), ...buyers.slice(100)], 7);
    expect(attempts).toHaveLength(2_000);
    const results = await Promise.all(attempts.map((m) => admit(id, m, skuId)));
    const ok = results.filter((r): r is Admitted => r.admitted);
    expect(ok).toHaveLength(100);
    const perMember = new Map<string, number>();
    for (const r of ok) perMember.set(r.memberId, (perMember.get(r.memberId) ?? 0) + r.quantity);
    expect(Math.max(...perMember.values())).toBeLessThanOrEqual(2);
    const refused = results.filter((r): r is Refused => !r.admitted);
    expect(new Set(refused.map((r) => r.reason))).toEqual(new Set(['sold_out', 'member_limit'].filter((x) => refused.some((r) => r.reason === x))));
    expect(refused.some((r) => r.reason === 'sold_out')).toBe(true);
    const check = await inTenant(async (ctx) => ({
      buckets: (await rows<{ stock: number }>(ctx.db, sql`select stock from flash_sale_buckets where session_id = ${id}`)).map((b) => b.stock),
      orders: (await one<{ n: number; total: number }>(ctx.db, sql`select count(*)::int as n, sum(total_cents)::int as total from orders where campaign = ${`flash-sale:${id}`}`))!,
      counts: await rows<{ memberId: string; bought: number }>(ctx.db, sql`select member_id as "memberId", bought from flash_sale_member_counts where session_id = ${id} and bought > 0`),
    }));
    expect(check.buckets).toHaveLength(8);
    expect(check.buckets.every((b) => b === 0)).toBe(true);
    expect(check.orders).toEqual({ n: 100, total: 100 * 1_990 });
    expect(Object.fromEntries(check.counts.map((c) => [c.memberId, c.bought]))).toEqual(Object.fromEntries(perMember));
    // The SKU's own stock was not touched by the buying: the sale sold only its own 100.
    expect(await skuStock(skuId)).toBe(50);
    // The buyers spread over the buckets: more than one bucket sold.
    const byBucket = await inTenant((ctx) => rows<{ n: number }>(ctx.db, sql`select count(distinct bucket_no)::int as n from flash_sale_admissions where session_id = ${id}`));
    expect(byBucket[0]!.n).toBeGreaterThan(1);
    const stats = (await analyst.get(`/api/v1/flash-sales/${id}/stats`)).json();
    expect(stats).toMatchObject({ sold: 100, left: 0, admitted: 100, returned: 0, refused: 1_900 });
  }, 60_000);

  it('refuses outside the window, when switched off, and over the per-member limit, counting each refusal', async () => {
    const skuId = await sku(10);
    const [m] = await members(1, 'window');
    const later = await create(session(skuId, { startsAt: new Date(Date.now() + 10 * MIN).toISOString(), items: [{ skuId, salePriceCents: 100, saleStock: 2 }] }));
    const over = await create(session(skuId, { startsAt: new Date(Date.now() - 20 * MIN).toISOString(), endsAt: new Date(Date.now() - MIN).toISOString(), items: [{ skuId, salePriceCents: 100, saleStock: 2 }] }));
    const off = await create(session(skuId, { enabled: false, items: [{ skuId, salePriceCents: 100, saleStock: 2 }] }));
    const body = { memberId: m, skuId, idempotencyKey: randomUUID() };
    const tooEarly = await op.post(`/api/v1/flash-sales/${later}/admissions`, body);
    expect([tooEarly.statusCode, fieldOf(tooEarly)]).toEqual([409, 'startsAt']);
    const tooLate = await op.post(`/api/v1/flash-sales/${over}/admissions`, body);
    expect([tooLate.statusCode, fieldOf(tooLate)]).toEqual([409, 'endsAt']);
    const switchedOff = await op.post(`/api/v1/flash-sales/${off}/admissions`, body);
    expect([switchedOff.statusCode, fieldOf(switchedOff)]).toEqual([409, 'enabled']);
    const live = await create(session(skuId, { items: [{ skuId, salePriceCents: 100, saleStock: 2 }] }));
    const tooMany = await op.post(`/api/v1/flash-sales/${live}/admissions`, { ...body, quantity: 3 });
    expect([tooMany.statusCode, fieldOf(tooMany)]).toEqual([409, 'quantity']);
    for (const id of [later, over, off, live]) expect((await op.get(`/api/v1/flash-sales/${id}/stats`)).json()).toMatchObject({ sold: 0, left: 2, admitted: 0, refused: 1 });
    const other = await sku(1);
    const notInSale = await op.post(`/api/v1/flash-sales/${later}/admissions`, { ...body, skuId: other });
    expect([notInSale.statusCode, fieldOf(notInSale)]).toEqual([404, 'skuId']);
  });

  it('a replayed key answers the first admission, even when the replays race', async () => {
    const skuId = await sku(10);
    const id = await create(session(skuId, { perMemberLimit: 5, items: [{ skuId, salePriceCents: 500, saleStock: 10 }] }));
    const [m] = await members(1, 'replay');
    const key = randomUUID();
    const first = await op.post(`/api/v1/flash-sales/${id}/admissions`, { memberId: m, skuId, quantity: 2, idempotencyKey: key });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ quantity: 2, totalCents: 1_000, created: true });
    const again = await op.post(`/api/v1/flash-sales/${id}/admissions`, { memberId: m, skuId, quantity: 2, idempotencyKey: key });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ orderId: first.json().orderId, created: false });
    const raceKey = randomUUID();
    const raced = await Promise.all(Array.from({ length: 6 }, () => admit(id, m!, skuId, raceKey)));
    expect(new Set(raced.map((r) => (r as Admitted).orderId)).size).toBe(1);
    expect(raced.filter((r) => (r as Admitted).created)).toHaveLength(1);
    expect((await op.get(`/api/v1/flash-sales/${id}/stats`)).json()).toMatchObject({ sold: 3, left: 7, admitted: 2, refused: 0 });
    // The order carries the sale price as a flash_sale discount off the SKU's price.
    const order = (await op.get(`/api/v1/orders/${first.json().orderId}`)).json();
    expect(order).toMatchObject({ subtotalCents: 2 * 9_900, discountCents: 2 * 9_400, totalCents: 1_000, discounts: [{ source: 'flash_sale', ref: id, amountCents: 2 * 9_400 }] });
  });

  it('an unpaid order cancelled gives its unit back to the session, once, and the member may buy again', async () => {
    const skuId = await sku(5);
    const id = await create(session(skuId, { perMemberLimit: 1, bucketCount: 2, items: [{ skuId, salePriceCents: 100, saleStock: 1 }] }));
    const [a, b] = await members(2, 'cancel');
    const got = (await admit(id, a!, skuId)) as Admitted;
    expect(got.admitted).toBe(true);
    expect(await admit(id, b!, skuId)).toMatchObject({ admitted: false, reason: 'sold_out' });
    expect(await admit(id, a!, skuId)).toMatchObject({ admitted: false, reason: 'member_limit' });
    // The orders timeout: the order is past due and the expiry job cancels it.
    await inTenant((ctx) => ctx.db.execute(sql`update orders set expires_at = now() - interval '1 minute' where id = ${got.orderId}`));
    await Promise.all([runOrderExpiry(database), runOrderExpiry(database)]);
    await expect(inTenant((ctx) => cancelOrder(ctx, got.orderId))).rejects.toThrow(/cancelled/);
    expect((await op.get(`/api/v1/flash-sales/${id}/stats`)).json()).toMatchObject({ sold: 0, left: 1, admitted: 1, returned: 1 });
    expect(await skuStock(skuId)).toBe(4); // the unit went back to the sale, not to the SKU
    expect(await admit(id, a!, skuId)).toMatchObject({ admitted: true });
    expect((await op.get(`/api/v1/flash-sales/${id}/stats`)).json()).toMatchObject({ sold: 1, left: 0 });
  });
});

describe('flash sale sessions', () => {
  it('sets stock aside from the SKU, gives it back on delete, and fixes items once started', async () => {
    const skuId = await sku(30);
    expect(splitStock(10, 4)).toEqual([3, 3, 2, 2]);
    const short = await op.post('/api/v1/flash-sales', session(skuId, { items: [{ skuId, salePriceCents: 1, saleStock: 31 }] }));
    expect([short.statusCode, fieldOf(short)]).toEqual([409, 'items.0.saleStock']);
    expect((await op.post('/api/v1/flash-sales', session(skuId, { endsAt: new Date(Date.now() - 2 * MIN).toISOString() }))).statusCode).toBe(400);
    expect((await analyst.post('/api/v1/flash-sales', session(skuId))).statusCode).toBe(403);
    const future = { startsAt: new Date(Date.now() + 60 * MIN).toISOString(), endsAt: new Date(Date.now() + 120 * MIN).toISOString() };
    const id = await create(session(skuId, { ...future, items: [{ skuId, salePriceCents: 1, saleStock: 10 }] }));
    expect(await skuStock(skuId)).toBe(20);
    const edited = await op.put(`/api/v1/flash-sales/${id}`, session(skuId, { ...future, bucketCount: 4, items: [{ skuId, salePriceCents: 2, saleStock: 25 }] }));
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().items[0]).toMatchObject({ saleStock: 25, left: 25, salePriceCents: 2 });
    expect((await op.get(`/api/v1/flash-sales/${id}/stats`)).json().perSku[0].buckets).toEqual([7, 6, 6, 6]);
    expect(await skuStock(skuId)).toBe(5);
    const list = (await analyst.get('/api/v1/flash-sales?state=upcoming&pageSize=50')).json();
    expect(list.items.map((s: { id: string }) => s.id)).toContain(id);
    expect((await op.delete(`/api/v1/flash-sales/${id}`)).statusCode).toBe(200);
    expect(await skuStock(skuId)).toBe(30);

    const live = await create(session(skuId, { items: [{ skuId, salePriceCents: 1, saleStock: 10 }] }));
    const [m] = await members(1, 'sessions');
    expect((await admit(live, m!, skuId)).admitted).toBe(true);
    const fixed = await op.put(`/api/v1/flash-sales/${live}`, session(skuId, { items: [{ skuId, salePriceCents: 1, saleStock: 12 }] }));
    expect([fixed.statusCode, fieldOf(fixed)]).toEqual([409, 'items']);
    const live0 = (await op.get(`/api/v1/flash-sales/${live}`)).json();
    const renamed = await op.put(`/api/v1/flash-sales/${live}`, session(skuId, { name: '改名', startsAt: live0.startsAt, items: [{ skuId, salePriceCents: 1, saleStock: 10 }] }));
    expect(renamed.statusCode, renamed.body).toBe(200);
    const del = await op.delete(`/api/v1/flash-sales/${live}`);
    expect([del.statusCode, fieldOf(del)]).toEqual([409, 'enabled']);
    expect((await op.put(`/api/v1/flash-sales/${randomUUID()}`, session(skuId))).statusCode).toBe(404);
  });

  it('sends the pre-heat reminder to its group once, in its time', async () => {
    const skuId = await sku(5);
    const starts = new Date(Date.now() + 30 * MIN);
    const id = await create(session(skuId, {
      startsAt: starts.toISOString(), endsAt: new Date(starts.getTime() + 60 * MIN).toISOString(), items: [{ skuId, salePriceCents: 1, saleStock: 1 }],
      communityId: group, reminderText: '{{session.name}} {{startsAt}} 开抢！', remindMinutesBefore: 20,
    }));
    const half = (await op.post('/api/v1/flash-sales', session(skuId, { communityId: group }))).json();
    expect(half.error.fields[0].path).toBe('reminderText');
    expect(await runFlashSaleReminders(database)).toBe(0); // 30 min before, it reminds 20 min before
    const soon = new Date(starts.getTime() - 15 * MIN);
    const runs = await Promise.all([runFlashSaleReminders(database, soon), runFlashSaleReminders(database, soon)]);
    expect(runs[0]! + runs[1]!).toBe(1);
    expect(await runFlashSaleReminders(database, soon)).toBe(0);
    const sent = await inTenant((ctx) => rows<{ kind: string; communityId: string; text: string }>(ctx.db, sql`
      select kind, community_id as "communityId", payload->>'text' as text from actions where idempotency_key = ${`flash-sale:${id}:reminder`}`));
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ kind: 'send_group', communityId: group });
    expect(sent[0]!.text).toMatch(/^双12 秒杀 .+ 开抢！$/);
    expect((await op.get(`/api/v1/flash-sales/${id}`)).json()).toMatchObject({ reminderError: null });
    expect((await op.get(`/api/v1/flash-sales/${id}`)).json().remindedAt).not.toBeNull();
  });
});
