import { one, sql } from '../../../db/client.js';
import { actorUserId, type TenantCtx } from '../../../core/context.js';
import { parseInput } from '../../automation/tasks/contracts.js';
import { recordAudit } from '../../workspace/record-audit.js';
import { checkLeaderboard } from './check-leaderboard.js';
import { leaderboardInputSchema, type Leaderboard, type LeaderboardInput } from './contracts.js';
import { getLeaderboard } from './get-leaderboard.js';
import { boardColumns, writeScope } from './write-leaderboard.js';

/** A new leaderboard; a monthly one is settled from the month it is created in on. */
export async function createLeaderboard(ctx: TenantCtx, input: LeaderboardInput): Promise<Leaderboard> {
  const v = parseInput(leaderboardInputSchema, input);
  await checkLeaderboard(ctx, v);
  const c = boardColumns(v);
  const row = (await one<{ id: string }>(ctx.db, sql`
    insert into leaderboards (workspace_id, name, metric, period_kind, period_from, period_to, scope_kind, top_n, rewards,
      announce_community_id, announce_text, enabled, enabled_since, created_by)
    values (${ctx.workspaceId}, ${v.name}, ${v.metric}, ${v.period.kind}, ${c.periodFrom}::date, ${c.periodTo}::date, ${v.scope.kind}, ${v.topN},
      ${c.rewards}::jsonb, ${c.communityId}, ${c.text}, ${v.enabled}, case when ${v.enabled}::boolean then now() end, ${actorUserId(ctx.actor)})
    returning id`))!;
  await writeScope(ctx, row.id, v);
  await recordAudit(ctx, 'leaderboard.created', 'leaderboard', row.id, { leaderboard: v });
  return getLeaderboard(ctx, row.id);
}
