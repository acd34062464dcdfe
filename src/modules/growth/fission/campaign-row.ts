import { rows, sql, uuids } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';
import type { Campaign } from './contracts.js';

/**
 * A campaign's columns as the API answers them, with its live code's and reward's names and its totals.
 * The names come from the other modules' rows by join, read only: a renamed live code shows its new name.
 */
const COLUMNS = sql`c.id, c.name, c.status, c.starts_at as "startsAt", c.ends_at as "endsAt", c.live_code_id as "liveCodeId",
  coalesce(l.name, '') as "liveCodeName", c.goal, c.hold_hours as "holdHours", c.reward_kind as "rewardKind", c.reward_points as "rewardPoints",
  c.reward_id as "rewardId", r.name as "rewardName", c.reward_cost_cents as "rewardCostCents", c.vip_community_id as "vipCommunityId",
  c.poster, c.messages, c.created_at as "createdAt", c.updated_at as "updatedAt",
  (select count(*)::int from fission_participants p where p.workspace_id = c.workspace_id and p.campaign_id = c.id) as participants,
  (select coalesce(sum(p.qualified), 0)::int from fission_participants p where p.workspace_id = c.workspace_id and p.campaign_id = c.id) as qualified,
  (select count(p.completed_at)::int from fission_participants p where p.workspace_id = c.workspace_id and p.campaign_id = c.id) as completed`;
const FROM = sql`fission_campaigns c
  left join live_codes l on l.workspace_id = c.workspace_id and l.id = c.live_code_id
  left join rewards r on r.workspace_id = c.workspace_id and r.id = c.reward_id`;

export async function viewCampaigns(ctx: TenantCtx, ids: string[]): Promise<Campaign[]> {
  if (!ids.length) return [];
  const found = await rows<Campaign>(ctx.db, sql`select ${COLUMNS} from ${FROM} where c.workspace_id = ${ctx.workspaceId} and c.id = any(${uuids(ids)})`);
  const byId = new Map(found.map((c) => [c.id, c]));
  return ids.map((id) => byId.get(id)).filter((c): c is Campaign => !!c);
}

/** One campaign; another workspace's is "not found". */
export async function getCampaign(ctx: TenantCtx, id: string): Promise<Campaign> {
  const [c] = await viewCampaigns(ctx, [id]);
  if (!c) throw notFound('fission campaign');
  return c;
}

/** The SQL condition "this join falls in the campaign's window" for a join time column or value. */
export const inWindow = (at: ReturnType<typeof sql>) => sql`c.status = 'active'
  and (c.starts_at is null or ${at} >= c.starts_at) and (c.ends_at is null or ${at} <= c.ends_at)`;
