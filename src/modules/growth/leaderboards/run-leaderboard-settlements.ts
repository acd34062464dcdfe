import { rows, sql, type Database } from '../../../db/client.js';
import { withTenant } from '../../../core/context.js';
import { duePeriods, type PeriodDef } from './periods.js';
import { settleLeaderboard } from './settle-leaderboard.js';

interface BoardDue {
  id: string; workspaceId: string; timeZone: string; periodKind: 'monthly' | 'custom'; from: string | null; to: string | null;
  enabledSince: Date | null; settled: string[];
}

/**
 * The leaderboards.settle job: every enabled board's closed, unsettled periods (periods.ts, duePeriods),
 * each settled in its own tenant transaction. Boards are read across workspaces as the owner role, like the
 * other schedules' due reads. One board failing does not hold back the others; the job then fails so the
 * queue retries it, and the boards already settled are skipped by their settlement rows.
 */
export async function runLeaderboardSettlements(database: Database, now = new Date()): Promise<{ settled: number }> {
  const boards = await rows<BoardDue>(database.db, sql`
    select l.id, l.workspace_id as "workspaceId", w.time_zone as "timeZone", l.period_kind as "periodKind",
      to_char(l.period_from, 'YYYY-MM-DD') as from, to_char(l.period_to, 'YYYY-MM-DD') as to, l.enabled_since as "enabledSince",
      array(select s.period from leaderboard_settlements s where s.workspace_id = l.workspace_id and s.leaderboard_id = l.id) as settled
    from leaderboards l join workspaces w on w.id = l.workspace_id
    where l.enabled order by l.workspace_id, l.id`);
  let settled = 0;
  const failures: string[] = [];
  for (const b of boards) {
    const period: PeriodDef = b.periodKind === 'custom' ? { kind: 'custom', from: b.from!, to: b.to! } : { kind: 'monthly' };
    const due = duePeriods({ period, enabled: true, enabledSince: b.enabledSince }, new Set(b.settled), now, b.timeZone);
    for (const p of due) {
      try {
        const done = await withTenant(database, { id: b.workspaceId, timeZone: b.timeZone }, { kind: 'system', name: 'leaderboards.settle' },
          (ctx) => settleLeaderboard(ctx, b.id, p));
        if (done.created) settled++;
      } catch (err) {
        failures.push(`leaderboard ${b.id} ${p.key}: ${(err as Error).message}`);
        break;
      }
    }
  }
  if (failures.length) throw new Error(`leaderboard settlements failed: ${failures.join('; ')}`);
  return { settled };
}
