import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestDatabase } from '../../../../test/helpers/database.js';
import { as, loginAs, makeWorkspace, testApp } from '../../../../test/helpers/app.js';
import { one, rows, sql } from '../../../db/client.js';
import { withTenant, type TenantCtx, type WorkspaceRef } from '../../../core/context.js';
import { ingestEvents } from '../../tracking/ingest-events.js';
import { createProduct } from '../catalogue/save-product.js';
import { createOrder, type OrderAttribution } from '../orders/create-order.js';
import { requestRefund } from '../payments/request-refund.js';
import { deliverSandboxNotifications } from '../payments/deliver-sandbox-notifications.js';
import { startPayment } from '../payments/start-payment.js';
import { completeSandboxPayment } from '../payments/sandbox-provider.js';
import { applyAsDistributor, approveDistributor } from '../distribution/index.js';
import { createTemplate } from '../../automation/templates/create-template.js';
import { sendTemplate } from '../../automation/templates/send-template.js';
import { dispatchActions } from '../../automation/dispatch-actions.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let app: FastifyInstance;
let ws: WorkspaceRef;
let analyst: ReturnType<typeof as>;
let other: ReturnType<typeof as>;
const m: Record<string, string> = {};
const g: Record<string, string> = {};
let skuId: string;
const system = { kind: 'system' as const, name: 'test' };
const tenant = <T>(fn: (ctx: TenantCtx) => Promise<T>) => withTenant(database, ws, system, fn);
let n = 0;

/** An order placed and paid through the sandbox provider at `paidAt`, for `cents` (one unit of a SKU priced so). */
async function sale(who: string, attribution: OrderAttribution, paidAt?: string) {
  const order = await tenant((ctx) => createOrder(ctx, { memberId: m[who]!, lines: [{ skuId, quantity: 1 }], idempotencyKey: `sale-${++n}-key`, attribution }));
  const payment = await tenant((ctx) => startPayment(ctx, order.id));
  await tenant((ctx) => completeSandboxPayment(ctx, payment.id, 'succeeded'));
  await deliverSandboxNotifications(database);
  if (paidAt) await database.db.execute(sql`update orders set paid_at = ${paidAt}::timestamptz where id = ${order.id}`);
  return order.id;
}
const report = async (query: string) => (await analyst.get(`/api/v1/commerce/sales?${query}`)).json();
const today = () => new Date().toLocaleDateString('en-CA', { timeZone: ws.timeZone });

beforeAll(async () => {
  database = await createTestDatabase();
  app = await testApp(database);
  ws = await makeWorkspace(database, 'sales', [{ email: 'analyst@sales.test', role: 'analyst' }]);
  await makeWorkspace(database, 'sales-other', [{ email: 'analyst@sales-other.test', role: 'analyst' }]);
  const now = new Date().toISOString();
  // Sandbox groups, so a template send to one of them goes out.
  const sandbox = (externalId: string) => ({ channel: 'sandbox', externalId, name: externalId });
  const joined = (id: string, group: string, who: string) => ({ id, type: 'member.joined', occurredAt: now, community: sandbox(group), member: sandbox(who), data: {} });
  await tenant((ctx) => ingestEvents(ctx, [joined('j1', 'north', 'ann'), joined('j2', 'north', 'bo'), joined('j3', 'south', 'cy'), joined('j4', 'south', 'di')]));
  for (const r of await rows<{ id: string; name: string }>(database.db, sql`select id, display_name as name from members where workspace_id = ${ws.id}`)) m[r.name] = r.id;
  for (const r of await rows<{ id: string; ext: string }>(database.db, sql`select id, external_id as ext from communities where workspace_id = ${ws.id}`)) g[r.ext] = r.id;
  skuId = (await tenant((ctx) => createProduct(ctx, { name: '蜂蜜', description: '', status: 'on_sale', skus: [{ name: '500g', priceCents: 1000, stock: 100 }] }))).skus[0]!.id;
  analyst = as(app, await loginAs(app, 'analyst@sales.test'));
  other = as(app, await loginAs(app, 'analyst@sales-other.test'));
}, 60_000);
afterAll(async () => { await app.close(); await database.drop(); });

describe('sales report', () => {
  it('groups the period\'s paid orders by community, campaign and distributor, net of refunds, with every day present', async () => {
    const seller = await tenant(async (ctx) => approveDistributor(ctx, (await applyAsDistributor(ctx, { memberId: m.di! })).id));
    // 2026-03-01 in Shanghai runs from 2026-02-28T16:00Z; 15:59Z is still 28 February there.
    await sale('ann', { communityId: g.north!, campaign: '春季上新' }, '2026-02-28T16:00:00Z');
    await sale('bo', { communityId: g.north!, campaign: '春季上新' }, '2026-03-02T10:00:00Z');
    const refunded = await sale('cy', { communityId: g.south!, distributorId: seller.id }, '2026-03-03T10:00:00Z');
    await sale('ann', { communityId: g.south!, campaign: '春季上新' }, '2026-02-28T15:59:00Z'); // the day before the period
    const unpaid = await tenant((ctx) => createOrder(ctx, { memberId: m.bo!, lines: [{ skuId, quantity: 1 }], idempotencyKey: 'unpaid-key', attribution: { communityId: g.north! } }));
    expect(unpaid.status).toBe('created');
    await tenant((ctx) => requestRefund(ctx, refunded, { amountCents: 400, reason: '少发一件', idempotencyKey: 'refund-key-1' }));
    await deliverSandboxNotifications(database);

    const period = 'from=2026-03-01&to=2026-03-03';
    const byCommunity = await report(`${period}&by=community`);
    expect(byCommunity.totals).toEqual({ orders: 3, buyers: 3, paidCents: 3000, refundedCents: 400, netCents: 2600 });
    expect(byCommunity.items.map((r: { label: string; orders: number; netCents: number }) => [r.label, r.orders, r.netCents])).toEqual([['north', 2, 2000], ['south', 1, 600]]);
    expect(byCommunity.items[0].shareOfNet).toBeCloseTo(2000 / 2600);
    expect(byCommunity.daily).toEqual([
      { day: '2026-03-01', orders: 1, netCents: 1000 }, { day: '2026-03-02', orders: 1, netCents: 1000 }, { day: '2026-03-03', orders: 1, netCents: 600 },
    ]);
    const byCampaign = await report(`${period}&by=campaign`);
    expect(byCampaign.items.map((r: { key: string | null; netCents: number }) => [r.key, r.netCents])).toEqual([['春季上新', 2000], [null, 600]]);
    const byDistributor = await report(`${period}&by=distributor`);
    expect(byDistributor.items.map((r: { key: string | null; label: string | null; netCents: number }) => [r.key, r.label, r.netCents])).toEqual([[null, null, 2000], [seller.id, 'di', 600]]);
    // Pages agree with the total.
    const paged = await report(`${period}&by=community&pageSize=1&page=2`);
    expect(paged).toMatchObject({ total: 2, page: 2, items: [{ label: 'south' }] });
    // Another workspace sees none of it.
    expect((await (await other.get(`/api/v1/commerce/sales?${period}&by=community`)).json()).totals.orders).toBe(0);
  });

  it('credits an order that names no message to the latest template variant that reached its buyer in the day before', async () => {
    const t = await tenant((ctx) => createTemplate(ctx, { name: '团购提醒', contentType: 'text', variants: [{ key: 'A', weight: 1, content: { text: '今晚八点开团' } }] }));
    await tenant((ctx) => sendTemplate(ctx, { templateId: t.id, communityId: g.south!, idempotencyKey: 'remind-south-1' }));
    expect((await dispatchActions(database)).sent).toBeGreaterThanOrEqual(1);
    const credited = await sale('cy', {}); // cy is in south, which the send reached
    const named = await sale('di', { templateId: t.id, variant: 'Z' }); // what the caller names stays
    const untouched = await sale('ann', {}); // ann is only in north
    const attributed = await rows<{ id: string; templateId: string | null; variant: string | null; communityId: string | null }>(database.db, sql`
      select id, template_id as "templateId", variant, community_id as "communityId" from orders where id in (${credited}, ${named}, ${untouched})`);
    const of = (id: string) => attributed.find((o) => o.id === id)!;
    expect(of(credited)).toMatchObject({ templateId: t.id, variant: 'A', communityId: g.south });
    expect(of(named)).toMatchObject({ templateId: t.id, variant: 'Z' });
    expect(of(untouched)).toMatchObject({ templateId: null, variant: null });

    const byVariant = await report(`from=${today()}&to=${today()}&by=variant`);
    expect(byVariant.items.map((r: { label: string | null; variant: string | null; orders: number }) => [r.label, r.variant, r.orders]))
      .toEqual([['团购提醒', 'A', 1], ['团购提醒', 'Z', 1], [null, null, 1]]);
    // A send older than the window credits nothing.
    await database.db.execute(sql`update actions set sent_at = now() - interval '25 hours' where workspace_id = ${ws.id}`);
    const late = await sale('cy', {});
    expect((await one<{ t: string | null }>(database.db, sql`select template_id as t from orders where id = ${late}`))!.t).toBeNull();
  });

  it('credits a sale to the distributor who earned its commission, named on the order or not', async () => {
    const seller = (await one<{ id: string }>(database.db, sql`select d.id from distributors d join members m on m.id = d.member_id where m.display_name = 'di'`))!.id;
    // cy was bound to di by the first test's order, which named di: a later order naming nobody is still di's sale.
    const repeat = await sale('cy', {});
    const credited = await one<{ d: string | null; commission: number }>(database.db, sql`
      select o.distributor_id as d, (select count(*)::int from distribution_commissions c where c.order_id = o.id::text and c.tier = 1) as commission
      from orders o where o.id = ${repeat}`);
    expect(credited).toEqual({ d: seller, commission: 1 });
    // ann is bound to nobody and no order of hers names a distributor: nobody's sale.
    const own = await sale('ann', {});
    expect((await one<{ d: string | null }>(database.db, sql`select distributor_id as d from orders where id = ${own}`))!.d).toBeNull();
  });

  it('names the field of a bad query', async () => {
    const bad = await analyst.get('/api/v1/commerce/sales?from=2026-03-05&to=2026-03-01');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toEqual([expect.objectContaining({ path: 'to' })]);
    const dim = await analyst.get('/api/v1/commerce/sales?from=2026-03-01&to=2026-03-02&by=product');
    expect(dim.json().error.fields).toEqual([expect.objectContaining({ path: 'by' })]);
  });
});
