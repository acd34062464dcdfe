import { one, rows, sql, type SQL } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';
import { paginate, type PageQuery } from '../../../core/pagination.js';
import type { PICKUP_FILTERS } from './contracts.js';

export interface LeaderOrder {
  orderId: string; leaderId: string; buyerMemberId: string; buyerName: string | null; orderStatus: string;
  paidCents: number; refundedCents: number; commissionBps: number; commissionCents: number; reversedCents: number;
  pickupName: string; pickupAddress: string; pickupPhone: string; pickupHours: string;
  lines: { productName: string; skuName: string; quantity: number }[];
  paidAt: Date; handedOverAt: Date | null; handedOverBy: string | null;
}

const ORDER_SELECT = (ctx: TenantCtx, where: SQL) => sql`
  select lo.order_id as "orderId", lo.leader_id as "leaderId", lo.buyer_member_id as "buyerMemberId", m.display_name as "buyerName", o.status as "orderStatus",
    lo.paid_cents::float8 as "paidCents", lo.refunded_cents::float8 as "refundedCents", lo.commission_bps as "commissionBps",
    lo.commission_cents::float8 as "commissionCents", lo.reversed_cents::float8 as "reversedCents",
    lo.pickup_name as "pickupName", lo.pickup_address as "pickupAddress", lo.pickup_phone as "pickupPhone", lo.pickup_hours as "pickupHours",
    lo.paid_at as "paidAt", lo.handed_over_at as "handedOverAt", lo.handed_over_by as "handedOverBy"
  from leader_orders lo
  join orders o on o.workspace_id = lo.workspace_id and o.id = lo.order_id
  join members m on m.workspace_id = lo.workspace_id and m.id = lo.buyer_member_id
  where lo.workspace_id = ${ctx.workspaceId} and ${where}`;

async function withLines(ctx: TenantCtx, found: Omit<LeaderOrder, 'lines'>[]): Promise<LeaderOrder[]> {
  if (!found.length) return [];
  const lines = await rows<{ orderId: string; productName: string; skuName: string; quantity: number }>(ctx.db, sql`
    select order_id as "orderId", product_name as "productName", sku_name as "skuName", quantity from order_lines
    where workspace_id = ${ctx.workspaceId} and order_id in (${sql.join(found.map((o) => sql`${o.orderId}`), sql`, `)})
    order by order_id, line_no`);
  return found.map((o) => ({ ...o, lines: lines.filter((l) => l.orderId === o.orderId).map(({ orderId: _o, ...l }) => l) }));
}

/**
 * A leader's collected orders, newest payment first. `waiting` is the pickup list: not handed over yet and
 * not refunded in full (a fully refunded order has nothing left to hand over).
 */
export async function listLeaderOrders(ctx: TenantCtx, leaderId: string, q: PageQuery & { pickup: (typeof PICKUP_FILTERS)[number] }) {
  const leader = await one(ctx.db, sql`select 1 from group_leaders where workspace_id = ${ctx.workspaceId} and id = ${leaderId}`);
  if (!leader) throw notFound('leader');
  const filter = q.pickup === 'waiting' ? sql`and lo.handed_over_at is null and lo.refunded_cents < lo.paid_cents`
    : q.pickup === 'handed_over' ? sql`and lo.handed_over_at is not null` : sql``;
  const page = await paginate<Omit<LeaderOrder, 'lines'>>(ctx.db, q, ORDER_SELECT(ctx, sql`lo.leader_id = ${leaderId} ${filter}`), sql`"paidAt" desc, "orderId"`);
  return { ...page, items: await withLines(ctx, page.items) };
}

export async function getLeaderOrder(ctx: TenantCtx, leaderId: string, orderId: string): Promise<LeaderOrder> {
  const row = await one<Omit<LeaderOrder, 'lines'>>(ctx.db, ORDER_SELECT(ctx, sql`lo.leader_id = ${leaderId} and lo.order_id = ${orderId}`));
  if (!row) throw notFound('order');
  return (await withLines(ctx, [row]))[0]!;
}
