import { one, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { AppError, invalid } from '../../../core/errors.js';
import { getCommunity } from '../../community/communities.js';
import { getReward } from '../../loyalty/rewards/list-rewards.js';
import { getLiveCode } from '../live-codes/get-live-code.js';
import type { CampaignValues } from './contracts.js';

const named = (path: string, what: string) => async <T>(load: Promise<T>): Promise<T> => {
  try {
    return await load;
  } catch (err) {
    if (err instanceof AppError && err.code === 'not_found') throw invalid(path, `no such ${what} in this workspace`);
    throw err;
  }
};

/**
 * What the schema cannot see: a unique name, and that the live code, the reward and the VIP group are this
 * workspace's (through each module's own verb, which answers "not found" for another's).
 */
export async function checkCampaign(ctx: TenantCtx, v: CampaignValues, id: string | null): Promise<void> {
  const clash = await one(ctx.db, sql`
    select 1 from fission_campaigns where workspace_id = ${ctx.workspaceId} and lower(name) = lower(${v.name}) and id is distinct from ${id}::uuid`);
  if (clash) throw new AppError('conflict', 'name: another fission campaign has this name', [{ path: 'name', message: 'another fission campaign has this name' }]);
  await named('liveCodeId', 'live code')(getLiveCode(ctx, v.liveCodeId));
  if (v.rewardKind === 'reward') {
    const reward = await named('rewardId', 'reward')(getReward(ctx, v.rewardId!));
    if (!reward.enabled) throw invalid('rewardId', 'the reward is switched off');
  }
  if (v.vipCommunityId) {
    const vip = await named('vipCommunityId', 'community')(getCommunity(ctx, v.vipCommunityId));
    if (vip.status !== 'active') throw invalid('vipCommunityId', `is ${vip.status}: completers cannot be invited into it`);
  }
}

/** The columns a write stores: a kind's unused reward fields are cleared, so the row says what is paid. */
export function storedValues(v: CampaignValues) {
  return {
    rewardPoints: v.rewardKind === 'points' ? v.rewardPoints : null,
    rewardId: v.rewardKind === 'reward' ? v.rewardId : null,
    rewardCostCents: v.rewardKind === 'reward' ? v.rewardCostCents : null,
    startsAt: v.startsAt?.toISOString() ?? null,
    endsAt: v.endsAt?.toISOString() ?? null,
  };
}
