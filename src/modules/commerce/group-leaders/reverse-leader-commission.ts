import { one, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';

export interface LeaderRefund { refundId: string; orderId: string; amountCents: number }
export interface LeaderReversal { leaderId: string; amountCents: number; fromFrozen: boolean }

/**
 * Called by the orders module inside finishRefund when a refund succeeded (once per refund, by its guarded
 * transition; the refund's row here makes even a second call reverse nothing). Takes back
 * floor(commission × refunded so far / paid) less what earlier refunds took, so partial refunds add up to
 * the whole and never beyond it. Frozen commission shrinks by a frozen negative entry that releases with it;
 * released commission is taken from the available balance by an available negative entry (there are no
 * payouts yet, so the balance always covers it). Null when the order was no leader's or the refund was seen.
 */
export async function reverseLeaderCommission(ctx: TenantCtx, refund: LeaderRefund): Promise<LeaderReversal | null> {
  // Lock order: the collected order, then the leader, then the entry (the release job takes leader → entries).
  const order = await one<{ leaderId: string; paid: number; refunded: number; commission: number; reversed: number }>(ctx.db, sql`
    select leader_id as "leaderId", paid_cents::float8 as paid, refunded_cents::float8 as refunded, commission_cents::float8 as commission,
      reversed_cents::float8 as reversed
    from leader_orders where workspace_id = ${ctx.workspaceId} and order_id = ${refund.orderId} for update`);
  if (!order) return null;
  const claimed = await one(ctx.db, sql`
    insert into leader_refunds (workspace_id, refund_id, order_id, refund_cents)
    values (${ctx.workspaceId}, ${refund.refundId}, ${refund.orderId}, ${Math.max(0, refund.amountCents)})
    on conflict do nothing returning refund_id`);
  if (!claimed) return null;
  const refunded = Math.min(order.paid, order.refunded + Math.max(0, refund.amountCents));
  await ctx.db.execute(sql`update leader_orders set refunded_cents = ${refunded} where workspace_id = ${ctx.workspaceId} and order_id = ${refund.orderId}`);
  const delta = order.paid > 0 ? Math.floor((order.commission * refunded) / order.paid) - order.reversed : 0;
  if (delta <= 0) return { leaderId: order.leaderId, amountCents: 0, fromFrozen: false };
  await one(ctx.db, sql`select 1 from group_leaders where workspace_id = ${ctx.workspaceId} and id = ${order.leaderId} for update`);
  const entry = (await one<{ id: string; status: 'frozen' | 'available'; releaseAt: Date }>(ctx.db, sql`
    select id, status, release_at as "releaseAt" from leader_commissions
    where workspace_id = ${ctx.workspaceId} and order_id = ${refund.orderId} and kind = 'commission' for update`))!;
  const frozen = entry.status === 'frozen';
  await ctx.db.execute(sql`
    update group_leaders set ${frozen ? sql`frozen_cents = frozen_cents - ${delta}` : sql`available_cents = available_cents - ${delta}`},
      reversed_cents = reversed_cents + ${delta}
    where workspace_id = ${ctx.workspaceId} and id = ${order.leaderId}`);
  await ctx.db.execute(sql`
    insert into leader_commissions (workspace_id, leader_id, order_id, kind, amount_cents, status, release_at, released_at, refund_id, idempotency_key)
    values (${ctx.workspaceId}, ${order.leaderId}, ${refund.orderId}, 'reversal', ${-delta}, ${entry.status}, ${new Date(entry.releaseAt).toISOString()},
      ${frozen ? null : new Date().toISOString()}, ${refund.refundId}, ${`leader-reversal:${refund.refundId}`})`);
  await ctx.db.execute(sql`update leader_orders set reversed_cents = reversed_cents + ${delta} where workspace_id = ${ctx.workspaceId} and order_id = ${refund.orderId}`);
  await ctx.db.execute(sql`update leader_refunds set reversed_cents = ${delta} where workspace_id = ${ctx.workspaceId} and refund_id = ${refund.refundId}`);
  return { leaderId: order.leaderId, amountCents: delta, fromFrozen: frozen };
}
