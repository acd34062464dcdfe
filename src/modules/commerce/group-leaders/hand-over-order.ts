import { one, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { AppError, notFound } from '../../../core/errors.js';
import { actorLabel } from '../orders/record-transition.js';
import { fulfilOrder } from '../orders/transition-order.js';
import { getLeaderOrder, type LeaderOrder } from './leader-orders.js';

/**
 * The buyer picked their order up at the leader's point. Marked once (a guarded `handed_over_at is null`
 * update; marking it again answers the first mark), and an order still `paid` is fulfilled through the
 * orders module in the same transaction. The order's row is locked first, the order every payment and
 * refund takes, so a refund starting at the same moment either waits or is seen: an order being refunded
 * (409 status) or refunded in full is not handed over. Another leader's order, or none, is "not found".
 */
export async function handOverOrder(ctx: TenantCtx, leaderId: string, orderId: string, note?: string): Promise<LeaderOrder> {
  const order = await one<{ status: string }>(ctx.db, sql`
    select o.status from orders o
    join leader_orders lo on lo.workspace_id = o.workspace_id and lo.order_id = o.id and lo.leader_id = ${leaderId}
    where o.workspace_id = ${ctx.workspaceId} and o.id = ${orderId} for update of o`);
  if (!order) throw notFound('order');
  if (order.status === 'refund_requested' || order.status === 'refunded') {
    throw new AppError('conflict', `order: it is ${order.status}`, [{ path: 'status', message: `the order is ${order.status}: nothing to hand over` }]);
  }
  const marked = await one(ctx.db, sql`
    update leader_orders set handed_over_at = now(), handed_over_by = ${actorLabel(ctx.actor)}
    where workspace_id = ${ctx.workspaceId} and order_id = ${orderId} and handed_over_at is null returning order_id`);
  if (marked && order.status === 'paid') await fulfilOrder(ctx, orderId, note ?? 'handed over at the pickup point');
  return getLeaderOrder(ctx, leaderId, orderId);
}
