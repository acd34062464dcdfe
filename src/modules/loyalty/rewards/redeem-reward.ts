import { one, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { AppError, notFound } from '../../../core/errors.js';
import { lockAccount } from '../points/account.js';
import { spendPoints } from '../points/spend-points.js';
import { getRedemption, type Redemption } from './get-redemption.js';

/**
 * A member buys a reward with points: one unit of stock and the points leave together or not at all.
 * The member's account is locked first (the per-member limit and a replayed key are then read without a
 * race), then one unit is taken by a guarded decrement, so concurrent redemptions can never take more units
 * than there are; a spend refused for a low balance rolls the unit back with it.
 */
export async function redeemReward(ctx: TenantCtx, rewardId: string, input: { memberId: string; idempotencyKey: string }): Promise<Redemption & { created: boolean }> {
  const key = `redeem:${input.idempotencyKey}`;
  await lockAccount(ctx, input.memberId);
  const replay = await one<{ id: string }>(ctx.db, sql`select id from reward_redemptions where workspace_id = ${ctx.workspaceId} and idempotency_key = ${key}`);
  if (replay) return { ...(await getRedemption(ctx, replay.id)), created: false };
  const reward = await one<{ perMemberLimit: number | null; enabled: boolean }>(ctx.db, sql`
    select per_member_limit as "perMemberLimit", enabled from rewards where workspace_id = ${ctx.workspaceId} and id = ${rewardId}`);
  if (!reward) throw notFound('reward');
  if (!reward.enabled) throw new AppError('conflict', 'reward: it is switched off', [{ path: 'rewardId', message: 'the reward is switched off' }]);
  if (reward.perMemberLimit !== null) {
    const had = await one<{ n: number }>(ctx.db, sql`
      select count(*)::int as n from reward_redemptions
      where workspace_id = ${ctx.workspaceId} and reward_id = ${rewardId} and member_id = ${input.memberId} and status <> 'cancelled'`);
    if (had!.n >= reward.perMemberLimit) {
      throw new AppError('conflict', `reward: at most ${reward.perMemberLimit} per member`, [{ path: 'memberId', message: `the member has redeemed it ${had!.n} times, the limit is ${reward.perMemberLimit}` }]);
    }
  }
  const taken = await one<{ cost: number }>(ctx.db, sql`
    update rewards set stock = case when stock is null then null else stock - 1 end, updated_at = now()
    where workspace_id = ${ctx.workspaceId} and id = ${rewardId} and (stock is null or stock > 0)
    returning cost_points as cost`);
  if (!taken) throw new AppError('conflict', 'reward: out of stock', [{ path: 'rewardId', message: 'out of stock' }]);
  const spend = await spendPoints(ctx, { memberId: input.memberId, amount: taken.cost, reason: 'redeem', idempotencyKey: key });
  const row = await one<{ id: string }>(ctx.db, sql`
    insert into reward_redemptions (workspace_id, reward_id, member_id, cost_points, spend_entry_id, idempotency_key)
    values (${ctx.workspaceId}, ${rewardId}, ${input.memberId}, ${taken.cost}, ${spend.entryId}, ${key}) returning id`);
  return { ...(await getRedemption(ctx, row!.id)), created: true };
}
