import { one, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { lockAccount } from './account.js';
import { expireDueLots } from './expire-points.js';
import { spendPoints } from './spend-points.js';

export interface OrderRefund { eventId: string; orderId: string; refundCents: number }
export interface ClawBack { orderId: string; memberId: string; clawedBack: number; unrecovered: number; entryId: string | null }

/** Called where an order's points are posted: what a later refund of the order takes back from. */
export async function recordOrderEarning(ctx: TenantCtx, e: { orderId: string; memberId: string; entryId: string; paidCents: number; points: number }): Promise<void> {
  await ctx.db.execute(sql`
    insert into points_order_earnings (workspace_id, order_id, member_id, entry_id, paid_cents, points)
    values (${ctx.workspaceId}, ${e.orderId}, ${e.memberId}, ${e.entryId}, ${e.paidCents}, ${e.points})
    on conflict do nothing`);
}

/**
 * A refund takes back the refunded share of the points its order earned: floor(points × refunded so far /
 * paid) in all, less what earlier refunds took, so partial refunds add up to the whole and never beyond it.
 * Points the member already spent cannot be taken (a balance never goes negative): they are counted as
 * unrecovered. Null when the order earned nothing or this refund event was already handled.
 */
export async function clawBackOrderPoints(ctx: TenantCtx, refund: OrderRefund): Promise<ClawBack | null> {
  const earned = await one<{ memberId: string }>(ctx.db, sql`
    select member_id as "memberId" from points_order_earnings where workspace_id = ${ctx.workspaceId} and order_id = ${refund.orderId}`);
  if (!earned) return null;
  // The account first, then the order: the lock order of every other posting of this member.
  const locked = await lockAccount(ctx, earned.memberId);
  const claimed = await one(ctx.db, sql`
    insert into points_order_refunds (workspace_id, event_id, order_id, refund_cents)
    values (${ctx.workspaceId}, ${refund.eventId}, ${refund.orderId}, ${refund.refundCents})
    on conflict do nothing returning event_id`);
  if (!claimed) return null;
  const order = (await one<{ paidCents: number; points: number; refundedCents: number; clawedBack: number; unrecovered: number }>(ctx.db, sql`
    select paid_cents::float8 as "paidCents", points, refunded_cents::float8 as "refundedCents", clawed_back as "clawedBack", unrecovered
    from points_order_earnings where workspace_id = ${ctx.workspaceId} and order_id = ${refund.orderId} for update`))!;
  const refunded = Math.min(order.paidCents, order.refundedCents + refund.refundCents);
  const owed = Math.floor((order.points * refunded) / order.paidCents) - order.clawedBack - order.unrecovered;
  const balance = await expireDueLots(ctx, earned.memberId, locked);
  const take = Math.max(0, Math.min(owed, balance));
  const unrecovered = Math.max(0, owed - take);
  const entryId = take > 0 ? (await spendPoints(ctx, {
    memberId: earned.memberId, amount: take, reason: 'order_refund', idempotencyKey: `order-refund:${refund.eventId}`, note: refund.orderId,
  })).entryId : null;
  await ctx.db.execute(sql`
    update points_order_earnings set refunded_cents = ${refunded}, clawed_back = clawed_back + ${take}, unrecovered = unrecovered + ${unrecovered}
    where workspace_id = ${ctx.workspaceId} and order_id = ${refund.orderId}`);
  await ctx.db.execute(sql`
    update points_order_refunds set clawed_back = ${take}, unrecovered = ${unrecovered}, entry_id = ${entryId}
    where workspace_id = ${ctx.workspaceId} and event_id = ${refund.eventId}`);
  return { orderId: refund.orderId, memberId: earned.memberId, clawedBack: take, unrecovered, entryId };
}
