import { sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import type { LeaderboardValues } from './contracts.js';

/** The columns a board's values are stored in. */
export function boardColumns(v: LeaderboardValues) {
  return {
    periodFrom: v.period.kind === 'custom' ? v.period.from : null,
    periodTo: v.period.kind === 'custom' ? v.period.to : null,
    communityId: v.announcement?.communityId ?? null,
    text: v.announcement?.text ?? null,
    rewards: JSON.stringify(v.rewards),
  };
}

/** Replaces the scope's community rows of a board. */
export async function writeScope(ctx: TenantCtx, id: string, v: LeaderboardValues): Promise<void> {
  await ctx.db.execute(sql`delete from leaderboard_communities where workspace_id = ${ctx.workspaceId} and leaderboard_id = ${id}`);
  if (v.scope.kind !== 'communities') return;
  await ctx.db.execute(sql`
    insert into leaderboard_communities (workspace_id, leaderboard_id, community_id)
    select distinct ${ctx.workspaceId}::uuid, ${id}::uuid, x::uuid from jsonb_array_elements_text(${JSON.stringify(v.scope.communityIds)}::jsonb) as x`);
}
