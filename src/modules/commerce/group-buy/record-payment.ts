import { one, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';

/**
 * Called by the orders module inside markOrderPaid, right after its guarded created → paid transition (which
 * takes effect once per order, so a replayed notification never gets here twice). Marks the member's seat
 * paid (guarded on `paid_at is null` as well), then counts it on the group while the group is open; the
 * count reaching the size makes the group succeed in the same update. A payment landing after the group
 * failed is only recorded: the expiry job refunds it. Lock order is order → seat → group, the same as the
 * expiry job's, so the two never wait on each other in a cycle. Answers the group's status, or null when
 * the order is not a group-buy order.
 */
export async function recordGroupBuyPayment(ctx: TenantCtx, orderId: string): Promise<'open' | 'succeeded' | 'failed' | null> {
  const seat = await one<{ groupId: string }>(ctx.db, sql`
    update group_buy_members set paid_at = now()
    where workspace_id = ${ctx.workspaceId} and order_id = ${orderId} and paid_at is null
    returning group_id as "groupId"`);
  if (!seat) return null;
  const counted = await one<{ status: 'open' | 'succeeded' }>(ctx.db, sql`
    update group_buy_groups set paid_count = paid_count + 1,
      status = case when paid_count + 1 >= size then 'succeeded' else status end,
      succeeded_at = case when paid_count + 1 >= size then now() else succeeded_at end
    where workspace_id = ${ctx.workspaceId} and id = ${seat.groupId} and status = 'open'
    returning status`);
  return counted?.status ?? 'failed';
}

/**
 * Called by the orders module inside tryCancelOrder, right after its guarded created → cancelled transition
 * (once per order): an unpaid group-buy order cancelled while its group is open (the unpaid timeout, or
 * staff) gives its seat back, so a member who never paid does not keep the group from filling. The seat is
 * one guarded decrement of an open group; a group that failed or succeeded keeps its count. Answers whether
 * a seat was given back.
 */
export async function releaseGroupBuySeat(ctx: TenantCtx, orderId: string): Promise<boolean> {
  const freed = await one(ctx.db, sql`
    update group_buy_groups g set seats_taken = g.seats_taken - 1
    from group_buy_members gm
    where gm.workspace_id = ${ctx.workspaceId} and gm.order_id = ${orderId} and gm.paid_at is null and gm.released_at is null
      and g.workspace_id = gm.workspace_id and g.id = gm.group_id and g.status = 'open'
    returning g.id`);
  if (!freed) return false;
  await ctx.db.execute(sql`update group_buy_members set released_at = now() where workspace_id = ${ctx.workspaceId} and order_id = ${orderId}`);
  return true;
}
