import { one, sql } from '../../../db/client.js';
import { actorUserId, type TenantCtx } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';
import { recordAudit } from '../../workspace/record-audit.js';
import { parseInput } from '../../automation/tasks/contracts.js';
import { campaignInputSchema, type Campaign, type CampaignInput } from './contracts.js';
import { checkCampaign, storedValues } from './check-campaign.js';
import { getCampaign } from './campaign-row.js';

/**
 * Replaces a campaign's configuration. Participants keep their codes and their counts; invites already
 * pending keep the hold time they joined under (their due time was fixed at the join), so changing the
 * rules never moves a friend who is already waiting.
 */
export async function updateCampaign(ctx: TenantCtx, id: string, input: CampaignInput): Promise<Campaign> {
  const v = parseInput(campaignInputSchema, input);
  // Locked so an edit never interleaves with a completion reading the reward it pays.
  const exists = await one(ctx.db, sql`select 1 from fission_campaigns where workspace_id = ${ctx.workspaceId} and id = ${id} for update`);
  if (!exists) throw notFound('fission campaign');
  const before = await getCampaign(ctx, id);
  await checkCampaign(ctx, v, id);
  const s = storedValues(v);
  await ctx.db.execute(sql`
    update fission_campaigns set name = ${v.name}, status = ${v.status}, starts_at = ${s.startsAt}::timestamptz, ends_at = ${s.endsAt}::timestamptz,
      live_code_id = ${v.liveCodeId}, goal = ${v.goal}, hold_hours = ${v.holdHours}, reward_kind = ${v.rewardKind}, reward_points = ${s.rewardPoints},
      reward_id = ${s.rewardId}, reward_cost_cents = ${s.rewardCostCents}, vip_community_id = ${v.vipCommunityId},
      poster = ${JSON.stringify(v.poster)}::jsonb, messages = ${JSON.stringify(v.messages)}::jsonb, updated_by = ${actorUserId(ctx.actor)}, updated_at = now()
    where workspace_id = ${ctx.workspaceId} and id = ${id}`);
  await recordAudit(ctx, 'fission_campaign.updated', 'fission_campaign', id, { before, after: v });
  return getCampaign(ctx, id);
}
