import { one, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { AppError, notFound } from '../../../core/errors.js';
import { parseInput } from '../../automation/tasks/contracts.js';
import { recordAudit } from '../../workspace/record-audit.js';
import { checkLeaderboard } from './check-leaderboard.js';
import { leaderboardInputSchema, type Leaderboard, type LeaderboardInput } from './contracts.js';
import { getLeaderboard } from './get-leaderboard.js';
import { boardColumns, writeScope } from './write-leaderboard.js';

/**
 * Replaces a board's definition. Settled periods keep what they paid; the change applies from the next
 * settlement on. A custom board that has been settled keeps its period: a new range would be a second
 * competition, paid a second time, so it is a new board.
 */
export async function updateLeaderboard(ctx: TenantCtx, id: string, input: LeaderboardInput): Promise<Leaderboard> {
  const v = parseInput(leaderboardInputSchema, input);
  // Locked: a settlement running now finishes with the definition it read, or waits for this one.
  const current = await one<{ periodKind: string; from: string | null; to: string | null; settled: boolean }>(ctx.db, sql`
    select period_kind as "periodKind", to_char(period_from, 'YYYY-MM-DD') as from, to_char(period_to, 'YYYY-MM-DD') as to,
      exists (select 1 from leaderboard_settlements s where s.workspace_id = l.workspace_id and s.leaderboard_id = l.id) as settled
    from leaderboards l where workspace_id = ${ctx.workspaceId} and id = ${id} for update`);
  if (!current) throw notFound('leaderboard');
  const samePeriod = v.period.kind === current.periodKind && (v.period.kind === 'monthly' || (v.period.from === current.from && v.period.to === current.to));
  if (current.settled && current.periodKind === 'custom' && !samePeriod) {
    const message = 'this period has been settled; create a new leaderboard for another period';
    throw new AppError('conflict', `period: ${message}`, [{ path: 'period', message }]);
  }
  await checkLeaderboard(ctx, v);
  const before = await getLeaderboard(ctx, id);
  const c = boardColumns(v);
  await ctx.db.execute(sql`
    update leaderboards set name = ${v.name}, metric = ${v.metric}, period_kind = ${v.period.kind}, period_from = ${c.periodFrom}::date,
      period_to = ${c.periodTo}::date, scope_kind = ${v.scope.kind}, top_n = ${v.topN}, rewards = ${c.rewards}::jsonb,
      announce_community_id = ${c.communityId}, announce_text = ${c.text}, enabled = ${v.enabled},
      enabled_since = case when not ${v.enabled}::boolean then null when enabled then enabled_since else now() end, updated_at = now()
    where workspace_id = ${ctx.workspaceId} and id = ${id}`);
  await writeScope(ctx, id, v);
  await recordAudit(ctx, 'leaderboard.updated', 'leaderboard', id, { before, after: v });
  return getLeaderboard(ctx, id);
}
