import { one, rows, sql, uuids } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { invalid } from '../../../core/errors.js';
import { parseInput } from '../../automation/tasks/contracts.js';
import { localDay } from '../check-in/days.js';
import { loadBoard } from './board-row.js';
import { standingsQuerySchema, type PeriodView, type Standing } from './contracts.js';
import { periodDef } from './get-leaderboard.js';
import { closesAt, customPeriod, monthPeriod } from './periods.js';
import { rankMembers } from './rank.js';
import { leaderboardScores } from './scores.js';

export interface Standings { period: PeriodView; settledAt: Date | null; items: Standing[]; total: number; page: number; pageSize: number }

/**
 * The live ranking of a period (default: the one running now), computed from the data as it stands, with
 * the prize each rank is due. Ranked as the settlement ranks (rank.ts), so what operators watch is what
 * will be paid if nothing changes before the period closes.
 */
export async function leaderboardStandings(ctx: TenantCtx, id: string, query: unknown, now = new Date()): Promise<Standings> {
  const q = parseInput(standingsQuerySchema, query);
  const board = await loadBoard(ctx, id);
  const def = periodDef(board);
  if (def.kind === 'custom' && q.period) throw invalid('period', 'a custom leaderboard has one period; leave period out');
  const period = def.kind === 'custom' ? customPeriod(def.from, def.to) : monthPeriod(q.period ?? localDay(now, ctx.timeZone).slice(0, 7));
  const ranked = rankMembers(await leaderboardScores(ctx, { metric: board.metric, communityIds: board.communityIds }, period));
  const slice = ranked.slice((q.page - 1) * q.pageSize, q.page * q.pageSize);
  const names = new Map((slice.length ? await rows<{ id: string; name: string }>(ctx.db, sql`
    select id, display_name as name from members where workspace_id = ${ctx.workspaceId} and id = any(${uuids(slice.map((s) => s.memberId))})`) : [])
    .map((m) => [m.id, m.name]));
  const settled = await one<{ settledAt: Date }>(ctx.db, sql`
    select settled_at as "settledAt" from leaderboard_settlements where workspace_id = ${ctx.workspaceId} and leaderboard_id = ${id} and period = ${period.key}`);
  return {
    period: { ...period, closesAt: closesAt(period, ctx.timeZone) },
    settledAt: settled?.settledAt ?? null,
    items: slice.map((s) => ({
      rank: s.rank, memberId: s.memberId, name: names.get(s.memberId) ?? '', score: s.score,
      reward: s.rank <= board.topN ? board.rewards[s.rank - 1] ?? 0 : 0,
    })),
    total: ranked.length, page: q.page, pageSize: q.pageSize,
  };
}
