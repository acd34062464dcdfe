import crypto from 'node:crypto';
import { one, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { AppError } from '../../../core/errors.js';
import { getCommerceSettings } from './settings.js';
import { recordTransition } from './record-transition.js';
import { getOrder, type OrderDetail } from './get-order.js';

export interface OrderAttribution { communityId?: string; campaign?: string; templateId?: string; variant?: string; distributorId?: string }
export interface OrderDiscount { source: string; ref: string; amountCents: number }
export interface CreateOrderInput {
  memberId: string;
  lines: { skuId: string; quantity: number }[];
  idempotencyKey: string;
  attribution?: OrderAttribution;
  /** Taken off the subtotal in this order (a coupon: `{ source: 'coupon', ref: claimId, amountCents }`); the total never goes below 0. */
  discounts?: OrderDiscount[];
  /** The id to give the order, for a caller that must name it first (a coupon redeemed in the same transaction). */
  orderId?: string;
  /** The caller set the units aside already (a flash sale's buckets): the lines read price and names, and take no SKU stock. */
  stockHeld?: boolean;
}

/**
 * Places an order: the order row first (its unique idempotency key makes a replay, even a concurrent one,
 * answer the first order), then one guarded decrement per SKU (`stock >= quantity`), in SKU id order so
 * two orders never wait on each other in a cycle. A SKU short of stock, off sale or unknown throws, and the
 * caller's transaction rolls every decrement back with it: stock is never oversold and never negative.
 */
export async function createOrder(ctx: TenantCtx, input: CreateOrderInput): Promise<OrderDetail & { created: boolean }> {
  const replay = await findByKey(ctx, input.idempotencyKey);
  if (replay) return { ...(await getOrder(ctx, replay)), created: false };
  const member = await one(ctx.db, sql`select 1 from members where workspace_id = ${ctx.workspaceId} and id = ${input.memberId}`);
  if (!member) throw new AppError('not_found', 'member not found', [{ path: 'memberId', message: 'no such member' }]);
  const a = input.attribution ?? {};
  const settings = await getCommerceSettings(ctx);
  const id = input.orderId ?? crypto.randomUUID();
  const placed = await one<{ id: string }>(ctx.db, sql`
    insert into orders (workspace_id, id, member_id, idempotency_key, community_id, campaign, template_id, variant, distributor_id, expires_at)
    values (${ctx.workspaceId}, ${id}, ${input.memberId}, ${input.idempotencyKey}, ${a.communityId ?? null}, ${a.campaign ?? null},
      ${a.templateId ?? null}, ${a.variant ?? null}, ${a.distributorId ?? null}, now() + make_interval(mins => ${settings.unpaidTimeoutMinutes}))
    on conflict (workspace_id, idempotency_key) do nothing returning id`);
  if (!placed) {
    // A concurrent request with the same key committed first.
    return { ...(await getOrder(ctx, (await findByKey(ctx, input.idempotencyKey))!)), created: false };
  }
  const merged = new Map<string, { quantity: number; index: number }>();
  input.lines.forEach((l, index) => {
    const had = merged.get(l.skuId);
    merged.set(l.skuId, { quantity: (had?.quantity ?? 0) + l.quantity, index: had?.index ?? index });
  });
  const lines = [...merged.entries()].map(([skuId, v]) => ({ skuId, ...v })).sort((x, y) => (x.skuId < y.skuId ? -1 : x.skuId > y.skuId ? 1 : 0));
  let subtotal = 0;
  let currency: string | null = null;
  for (const [n, line] of lines.entries()) {
    const taken = await one<{ price: number; currency: string; skuName: string; productId: string; productName: string }>(ctx.db, input.stockHeld ? sql`
      select s.price_cents as price, s.currency, s.name as "skuName", p.id as "productId", p.name as "productName"
      from product_skus s join products p on p.workspace_id = s.workspace_id and p.id = s.product_id
      where s.workspace_id = ${ctx.workspaceId} and s.id = ${line.skuId} and p.status = 'on_sale'` : sql`
      update product_skus s set stock = s.stock - ${line.quantity}, updated_at = now()
      from products p
      where s.workspace_id = ${ctx.workspaceId} and s.id = ${line.skuId} and s.stock >= ${line.quantity}
        and p.workspace_id = s.workspace_id and p.id = s.product_id and p.status = 'on_sale'
      returning s.price_cents as price, s.currency, s.name as "skuName", p.id as "productId", p.name as "productName"`);
    if (!taken) throw await whyNot(ctx, line.skuId, line.index);
    if (currency && currency !== taken.currency) {
      throw new AppError('validation', 'lines: one currency per order', [{ path: `lines.${line.index}.skuId`, message: `priced in ${taken.currency}, the order is in ${currency}` }]);
    }
    currency = taken.currency;
    const lineCents = taken.price * line.quantity;
    subtotal += lineCents;
    await ctx.db.execute(sql`
      insert into order_lines (workspace_id, order_id, line_no, sku_id, product_id, product_name, sku_name, unit_price_cents, quantity, line_cents)
      values (${ctx.workspaceId}, ${id}, ${n + 1}, ${line.skuId}, ${taken.productId}, ${taken.productName}, ${taken.skuName}, ${taken.price}, ${line.quantity}, ${lineCents})`);
  }
  const discounts = input.discounts ?? [];
  for (const [i, d] of discounts.entries()) {
    if (!Number.isInteger(d.amountCents) || d.amountCents < 0) throw new AppError('validation', 'discounts: amountCents must be whole cents, 0 or more', [{ path: `discounts.${i}.amountCents`, message: 'must be whole cents, 0 or more' }]);
  }
  const discount = Math.min(subtotal, discounts.reduce((s, d) => s + d.amountCents, 0));
  await ctx.db.execute(sql`
    update orders set subtotal_cents = ${subtotal}, discount_cents = ${discount}, total_cents = ${subtotal - discount},
      discounts = ${JSON.stringify(discounts)}::jsonb, currency = ${currency ?? 'CNY'}
    where workspace_id = ${ctx.workspaceId} and id = ${id}`);
  await recordTransition(ctx, { orderId: id, from: null, to: 'created', amountCents: subtotal - discount });
  return { ...(await getOrder(ctx, id)), created: true };
}

/** The order placed under an idempotency key, if any (a caller that must know before it spends a coupon on it). */
export async function findByKey(ctx: TenantCtx, key: string): Promise<string | null> {
  return (await one<{ id: string }>(ctx.db, sql`select id from orders where workspace_id = ${ctx.workspaceId} and idempotency_key = ${key}`))?.id ?? null;
}

async function whyNot(ctx: TenantCtx, skuId: string, index: number): Promise<AppError> {
  const sku = await one<{ stock: number; status: string }>(ctx.db, sql`
    select s.stock, p.status from product_skus s join products p on p.workspace_id = s.workspace_id and p.id = s.product_id
    where s.workspace_id = ${ctx.workspaceId} and s.id = ${skuId}`);
  if (!sku) return new AppError('not_found', 'sku not found', [{ path: `lines.${index}.skuId`, message: 'no such SKU' }]);
  if (sku.status !== 'on_sale') return new AppError('conflict', 'product: off sale', [{ path: `lines.${index}.skuId`, message: 'the product is off sale' }]);
  return new AppError('conflict', 'sku: out of stock', [{ path: `lines.${index}.quantity`, message: `only ${sku.stock} left` }]);
}

