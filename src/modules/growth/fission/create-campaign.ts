import { one, sql } from '../../../db/client.js';
import { actorUserId, type TenantCtx } from '../../../core/context.js';
import { recordAudit } from '../../workspace/record-audit.js';
import { parseInput } from '../../automation/tasks/contracts.js';
import { campaignInputSchema, type Campaign, type CampaignInput } from './contracts.js';
import { checkCampaign, storedValues } from './check-campaign.js';
import { getCampaign } from './campaign-row.js';

/** A new fission campaign; members can join it (and their invites count) once it is active. */
export async function createCampaign(ctx: TenantCtx, input: CampaignInput): Promise<Campaign> {
  const v = parseInput(campaignInputSchema, input);
  await checkCampaign(ctx, v, null);
  const s = storedValues(v);
  const row = (await one<{ id: string }>(ctx.db, sql`
    insert into fission_campaigns (workspace_id, name, status, starts_at, ends_at, live_code_id, goal, hold_hours, reward_kind, reward_points,
      reward_id, reward_cost_cents, vip_community_id, poster, messages, created_by, updated_by)
    values (${ctx.workspaceId}, ${v.name}, ${v.status}, ${s.startsAt}::timestamptz, ${s.endsAt}::timestamptz, ${v.liveCodeId}, ${v.goal}, ${v.holdHours},
      ${v.rewardKind}, ${s.rewardPoints}, ${s.rewardId}, ${s.rewardCostCents}, ${v.vipCommunityId}, ${JSON.stringify(v.poster)}::jsonb,
      ${JSON.stringify(v.messages)}::jsonb, ${actorUserId(ctx.actor)}, ${actorUserId(ctx.actor)})
    returning id`))!;
  await recordAudit(ctx, 'fission_campaign.created', 'fission_campaign', row.id, { campaign: v });
  return getCampaign(ctx, row.id);
}
