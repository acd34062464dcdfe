import { one, rows, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { AppError, notFound } from '../../../core/errors.js';
import { lockAccount } from '../points/account.js';
import { earnLocked } from '../points/earn-points.js';
import { getRedemption, type Redemption } from './get-redemption.js';

/**
 * Hands a pending redemption out (fulfilled) or calls it off (cancelled: the points come back and the unit
 * returns to stock). Settling twice the same way answers the redemption as it is; the other way is refused.
 */
export async function settleRedemption(ctx: TenantCtx, id: string, to: 'fulfilled' | 'cancelled'): Promise<Redemption> {
  const found = await one<{ memberId: string }>(ctx.db, sql`select member_id as "memberId" from reward_redemptions where workspace_id = ${ctx.workspaceId} and id = ${id}`);
  if (!found) throw notFound('redemption');
  // The account first, then the redemption: the same order as a redemption takes them.
  const balance = await lockAccount(ctx, found.memberId);
  const d = await one<{ status: string; costPoints: number; spendEntryId: string; rewardId: string }>(ctx.db, sql`
    select status, cost_points as "costPoints", spend_entry_id as "spendEntryId", reward_id as "rewardId"
    from reward_redemptions where workspace_id = ${ctx.workspaceId} and id = ${id} for update`);
  if (d!.status === to) return getRedemption(ctx, id);
  if (d!.status !== 'pending') throw new AppError('conflict', `redemption: it is ${d!.status} already`, [{ path: 'status', message: `already ${d!.status}` }]);
  let refund: string | null = null;
  if (to === 'cancelled') {
    // The points come back with the latest expiry of the lots they were taken from (never, if any never expires).
    const lots = await rows<{ expiresAt: Date | null }>(ctx.db, sql`
      select l.expires_at as "expiresAt" from points_lot_uses u join points_lots l on l.workspace_id = u.workspace_id and l.entry_id = u.lot_entry_id
      where u.workspace_id = ${ctx.workspaceId} and u.entry_id = ${d!.spendEntryId}`);
    const latest = lots.some((l) => l.expiresAt === null) ? null : new Date(Math.max(...lots.map((l) => new Date(l.expiresAt!).getTime())));
    // Points whose time has passed meanwhile come back for the workspace's usual period instead of expiring at once.
    const expiresAt = latest && latest.getTime() <= Date.now() ? undefined : latest;
    refund = (await earnLocked(ctx, { memberId: found.memberId, amount: d!.costPoints, reason: 'refund', idempotencyKey: `refund:${id}` }, { lockedBalance: balance, expiresAt })).entryId;
    await ctx.db.execute(sql`
      update rewards set stock = stock + 1, updated_at = now() where workspace_id = ${ctx.workspaceId} and id = ${d!.rewardId} and stock is not null`);
  }
  await ctx.db.execute(sql`
    update reward_redemptions set status = ${to}, settled_at = now(), refund_entry_id = ${refund}::uuid where workspace_id = ${ctx.workspaceId} and id = ${id}`);
  return getRedemption(ctx, id);
}
