import { rows, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import type { MemberCampaign } from './contracts.js';

/**
 * The open campaigns a member can take part in (active, within their window), with the member's progress
 * in each: qualified and pending invites against the goal, and whether they completed. For the member page.
 */
export function listMemberCampaigns(ctx: TenantCtx, memberId: string, now = new Date()): Promise<MemberCampaign[]> {
  return rows<MemberCampaign>(ctx.db, sql`
    select c.id as "campaignId", c.name, c.ends_at as "endsAt", c.goal, c.hold_hours as "holdHours",
      p.id is not null as joined, coalesce(p.qualified, 0) as qualified, p.completed_at is not null as completed,
      (select count(*)::int from fission_invites i where i.workspace_id = c.workspace_id and i.participant_id = p.id and i.status = 'pending') as pending,
      c.reward_kind as "rewardKind", c.reward_points as "rewardPoints", r.name as "rewardName"
    from fission_campaigns c
    left join fission_participants p on p.workspace_id = c.workspace_id and p.campaign_id = c.id and p.member_id = ${memberId}
    left join rewards r on r.workspace_id = c.workspace_id and r.id = c.reward_id
    where c.workspace_id = ${ctx.workspaceId} and c.status = 'active'
      and (c.starts_at is null or c.starts_at <= ${now.toISOString()}::timestamptz) and (c.ends_at is null or c.ends_at > ${now.toISOString()}::timestamptz)
    order by c.ends_at nulls last, c.created_at, c.id`);
}
