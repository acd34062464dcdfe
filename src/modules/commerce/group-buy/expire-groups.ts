import { one, rows, sql, type Database } from '../../../db/client.js';
import { withTenant, type TenantCtx } from '../../../core/context.js';
import { tryCancelOrder } from '../orders/transition-order.js';
import { requestRefund } from '../payments/request-refund.js';

const actor = { kind: 'system' as const, name: 'group_buy.expire' };

/**
 * Settles one member of a failed group, once: their order row is locked first (the lock order of a payment,
 * order → seat), then their seat; a seat settled already is left alone. A paid order is refunded in full
 * through the payments module under the key `group_buy:<group>:<order>`; an unpaid one is cancelled (the
 * orders module gives its stock back). A refund in flight (an operator's) leaves the seat for the next run.
 */
export async function settleFailedSeat(ctx: TenantCtx, groupId: string, memberId: string): Promise<'refunded' | 'cancelled' | 'nothing' | null> {
  const seat = await one<{ orderId: string }>(ctx.db, sql`
    select order_id as "orderId" from group_buy_members where workspace_id = ${ctx.workspaceId} and group_id = ${groupId} and member_id = ${memberId}`);
  if (!seat) return null;
  const order = await one<{ status: string; left: number }>(ctx.db, sql`
    select status, (paid_cents - refunded_cents)::float8 as left from orders where workspace_id = ${ctx.workspaceId} and id = ${seat.orderId} for update`);
  const locked = await one<{ settled: boolean }>(ctx.db, sql`
    select settled_at is not null as settled from group_buy_members
    where workspace_id = ${ctx.workspaceId} and group_id = ${groupId} and member_id = ${memberId} for update`);
  if (!order || !locked || locked.settled) return null;
  let settlement: 'refunded' | 'cancelled' | 'nothing';
  let refundId: string | null = null;
  if (order.status === 'created') {
    settlement = (await tryCancelOrder(ctx, seat.orderId, 'group-buy failed')) ? 'cancelled' : 'nothing';
  } else if ((order.status === 'paid' || order.status === 'fulfilled') && order.left > 0) {
    const refund = await requestRefund(ctx, seat.orderId, { amountCents: order.left, reason: 'group-buy failed', idempotencyKey: `group_buy:${groupId}:${seat.orderId}` });
    settlement = 'refunded';
    refundId = refund.id;
  } else if (order.status === 'refund_requested') {
    return null;
  } else {
    settlement = 'nothing';
  }
  await ctx.db.execute(sql`
    update group_buy_members set settlement = ${settlement}, refund_id = ${refundId}, settled_at = now()
    where workspace_id = ${ctx.workspaceId} and group_id = ${groupId} and member_id = ${memberId} and settled_at is null`);
  return settlement;
}

/**
 * The job. First, open groups past their window fail, each by one guarded update (`status = 'open'`) in a
 * transaction of its own that touches only the group, so a joiner (who needs the window still running) or a
 * payment waiting on the group finds it failed or counted before it. Then every seat of a failed group not
 * settled yet is settled (settleFailedSeat), one transaction each: two runs at once, or a run retried after
 * a crash, refund each paid member exactly once. No member is ever added. Answers what it did.
 */
export async function runGroupBuyExpiry(database: Database, limit = 500, now = new Date()): Promise<{ failed: number; refunded: number; cancelled: number }> {
  const due = await rows<{ workspaceId: string; timeZone: string; id: string }>(database.db, sql`
    select g.workspace_id as "workspaceId", w.time_zone as "timeZone", g.id
    from group_buy_groups g join workspaces w on w.id = g.workspace_id
    where g.status = 'open' and g.expires_at <= ${now.toISOString()} order by g.expires_at limit ${limit}`);
  let failed = 0;
  for (const d of due) {
    const done = await withTenant(database, { id: d.workspaceId, timeZone: d.timeZone }, actor, (ctx) => one(ctx.db, sql`
      update group_buy_groups set status = 'failed', failed_at = now()
      where workspace_id = ${ctx.workspaceId} and id = ${d.id} and status = 'open' and expires_at <= ${now.toISOString()} returning id`));
    if (done) failed++;
  }
  const seats = await rows<{ workspaceId: string; timeZone: string; groupId: string; memberId: string }>(database.db, sql`
    select gm.workspace_id as "workspaceId", w.time_zone as "timeZone", gm.group_id as "groupId", gm.member_id as "memberId"
    from group_buy_members gm
    join group_buy_groups g on g.workspace_id = gm.workspace_id and g.id = gm.group_id and g.status = 'failed'
    join workspaces w on w.id = gm.workspace_id
    where gm.settled_at is null order by g.failed_at, gm.joined_at limit ${limit}`);
  let refunded = 0;
  let cancelled = 0;
  for (const s of seats) {
    const done = await withTenant(database, { id: s.workspaceId, timeZone: s.timeZone }, actor, (ctx) => settleFailedSeat(ctx, s.groupId, s.memberId));
    if (done === 'refunded') refunded++;
    if (done === 'cancelled') cancelled++;
  }
  return { failed, refunded, cancelled };
}
