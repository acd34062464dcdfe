import { sql } from '../../../db/client.js';

/** A reward's columns as the API answers them, with its redemptions that were not cancelled. */
export const REWARD_COLUMNS = sql`r.id, r.name, r.description, r.kind, r.cost_points as "costPoints", r.stock,
  r.per_member_limit as "perMemberLimit", r.enabled, r.created_at as "createdAt", r.updated_at as "updatedAt",
  (select count(*)::int from reward_redemptions x where x.workspace_id = r.workspace_id and x.reward_id = r.id and x.status <> 'cancelled') as redeemed`;

export const REDEMPTION_COLUMNS = sql`d.id, d.reward_id as "rewardId", r.name as "rewardName", d.member_id as "memberId",
  m.display_name as "memberName", d.cost_points as "costPoints", d.status, d.created_at as "createdAt", d.settled_at as "settledAt"`;

export const REDEMPTION_FROM = sql`reward_redemptions d
  join rewards r on r.workspace_id = d.workspace_id and r.id = d.reward_id
  join members m on m.workspace_id = d.workspace_id and m.id = d.member_id`;
