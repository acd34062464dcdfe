import type { TenantCtx } from '../../../core/context.js';
import type { Db } from '../../../db/client.js';
import { AppError } from '../../../core/errors.js';
import { earnPoints } from '../../loyalty/points/earn-points.js';
import { getReward } from '../../loyalty/rewards/list-rewards.js';
import { redeemReward } from '../../loyalty/rewards/redeem-reward.js';

export interface RewardTerms { campaignId: string; campaignName: string; kind: 'none' | 'points' | 'reward'; points: number | null; rewardId: string | null }
export interface Payment { status: 'none' | 'paid' | 'out_of_stock' | 'refused'; ref: string | null; note: string | null; cost: number }

/**
 * Pays a completer's reward, exactly once: every posting is keyed by campaign and member, so a replay
 * answers the first payment. Points go straight to the ledger. A catalogue reward is granted through the
 * catalogue's own verbs, so its stock is taken by the same guarded decrement as any redemption and can never
 * oversell: the reward's points are credited as a gift and spent on it at once, together in a savepoint.
 * When the unit cannot be had (out of stock, switched off, the member's limit reached), the savepoint rolls
 * the gift back and the refusal is recorded on the participant for an operator to settle by hand.
 */
export async function payReward(ctx: TenantCtx, memberId: string, t: RewardTerms): Promise<Payment> {
  const key = `fission:${t.campaignId}:${memberId}`;
  if (t.kind === 'none') return { status: 'none', ref: null, note: null, cost: 0 };
  if (t.kind === 'points') {
    const posting = await earnPoints(ctx, { memberId, amount: t.points!, reason: 'fission', idempotencyKey: `${key}:reward`, note: t.campaignName });
    return { status: 'paid', ref: posting.entryId, note: null, cost: t.points! };
  }
  const reward = await getReward(ctx, t.rewardId!);
  try {
    const redemption = await ctx.db.transaction(async (tx) => {
      const sp: TenantCtx = { ...ctx, db: tx as unknown as Db };
      await earnPoints(sp, { memberId, amount: reward.costPoints, reason: 'fission', idempotencyKey: `${key}:gift`, note: `${t.campaignName}: ${reward.name}` });
      return redeemReward(sp, t.rewardId!, { memberId, idempotencyKey: key });
    });
    return { status: 'paid', ref: redemption.id, note: reward.name, cost: reward.costPoints };
  } catch (err) {
    if (!(err instanceof AppError) || err.code !== 'conflict') throw err;
    const outOfStock = /out of stock/.test(err.message);
    return { status: outOfStock ? 'out_of_stock' : 'refused', ref: null, note: err.message, cost: 0 };
  }
}
