import { one, rows, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';
import { paginate } from '../../../core/pagination.js';
import type { z } from 'zod';
import type { listOrdersSchema, OrderStatus } from './contracts.js';

export interface OrderSummary {
  id: string; memberId: string; memberName: string; status: OrderStatus; currency: string;
  subtotalCents: number; discountCents: number; totalCents: number; paidCents: number; refundedCents: number;
  discounts: { source: string; ref: string; amountCents: number }[];
  communityId: string | null; campaign: string | null; templateId: string | null; variant: string | null; distributorId: string | null;
  expiresAt: Date; createdAt: Date; paidAt: Date | null; cancelledAt: Date | null; cancelReason: string | null;
}
export interface OrderLine { lineNo: number; skuId: string; productId: string; productName: string; skuName: string; unitPriceCents: number; quantity: number; lineCents: number }
export interface Payment { id: string; orderId: string; provider: string; providerTxnId: string; amountCents: number; status: 'pending' | 'succeeded' | 'failed'; failure: string | null; payUrl: string | null; createdAt: Date; settledAt: Date | null }
export interface Refund { id: string; orderId: string; paymentId: string; provider: string; amountCents: number; reason: string; status: 'pending' | 'succeeded' | 'failed'; createdAt: Date; settledAt: Date | null }
export interface OrderDetail extends OrderSummary {
  lines: OrderLine[]; payments: Payment[]; refunds: Refund[];
  history: { fromStatus: string | null; toStatus: string; amountCents: number | null; note: string | null; actor: string; at: Date }[];
}

const ORDER_SELECT = (ctx: TenantCtx) => sql`
  select o.id, o.member_id as "memberId", m.display_name as "memberName", o.status, o.currency,
    o.subtotal_cents::float8 as "subtotalCents", o.discount_cents::float8 as "discountCents", o.total_cents::float8 as "totalCents",
    o.paid_cents::float8 as "paidCents", o.refunded_cents::float8 as "refundedCents", o.discounts,
    o.community_id as "communityId", o.campaign, o.template_id as "templateId", o.variant, o.distributor_id as "distributorId",
    o.expires_at as "expiresAt", o.created_at as "createdAt", o.paid_at as "paidAt", o.cancelled_at as "cancelledAt", o.cancel_reason as "cancelReason"
  from orders o join members m on m.workspace_id = o.workspace_id and m.id = o.member_id
  where o.workspace_id = ${ctx.workspaceId}`;

export async function getOrderSummary(ctx: TenantCtx, id: string): Promise<OrderSummary> {
  const row = await one<OrderSummary>(ctx.db, sql`${ORDER_SELECT(ctx)} and o.id = ${id}`);
  if (!row) throw notFound('order');
  return row;
}

export async function getOrderLines(ctx: TenantCtx, id: string): Promise<OrderLine[]> {
  return rows<OrderLine>(ctx.db, sql`
    select line_no as "lineNo", sku_id as "skuId", product_id as "productId", product_name as "productName", sku_name as "skuName",
      unit_price_cents as "unitPriceCents", quantity, line_cents::float8 as "lineCents"
    from order_lines where workspace_id = ${ctx.workspaceId} and order_id = ${id} order by line_no`);
}

/** One order with its lines, payments, refunds and every transition it went through. */
export async function getOrder(ctx: TenantCtx, id: string): Promise<OrderDetail> {
  const order = await getOrderSummary(ctx, id);
  const [lines, payments, refunds, history] = [
    await getOrderLines(ctx, id),
    await rows<Payment>(ctx.db, sql`
      select id, order_id as "orderId", provider, provider_txn_id as "providerTxnId", amount_cents::float8 as "amountCents", status, failure,
        pay_url as "payUrl", created_at as "createdAt", settled_at as "settledAt"
      from payments where workspace_id = ${ctx.workspaceId} and order_id = ${id} order by created_at, id`),
    await rows<Refund>(ctx.db, sql`
      select id, order_id as "orderId", payment_id as "paymentId", provider, amount_cents::float8 as "amountCents", reason, status,
        created_at as "createdAt", settled_at as "settledAt"
      from refunds where workspace_id = ${ctx.workspaceId} and order_id = ${id} order by created_at, id`),
    await rows<OrderDetail['history'][number]>(ctx.db, sql`
      select from_status as "fromStatus", to_status as "toStatus", amount_cents::float8 as "amountCents", note, actor, at
      from order_transitions where workspace_id = ${ctx.workspaceId} and order_id = ${id} order by at, id`),
  ];
  return { ...order, lines, payments, refunds, history };
}

/** Orders newest first, by status, member or community. */
export function listOrders(ctx: TenantCtx, q: z.infer<typeof listOrdersSchema>) {
  return paginate<OrderSummary>(ctx.db, q, sql`${ORDER_SELECT(ctx)}
    ${q.status ? sql`and o.status = ${q.status}` : sql``} ${q.memberId ? sql`and o.member_id = ${q.memberId}` : sql``}
    ${q.communityId ? sql`and o.community_id = ${q.communityId}` : sql``}`,
  sql`"createdAt" desc, id desc`);
}
