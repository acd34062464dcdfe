import { sql, type SQL } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { paginate, type Page } from '../../../core/pagination.js';
import { parseInput } from '../../automation/tasks/contracts.js';
import { checkInLeaderboardQuerySchema, type CheckInStanding } from './contracts.js';
import { addDays, localDay, periodStart, type ResetPeriod } from './days.js';
import { readCheckInSettings } from './get-check-in-settings.js';
import { checkRange } from './period-range.js';

/** The streak period a date column falls in, as streaks.ts draws it; one endless period without a reset. */
function periodOf(reset: ResetPeriod, day: SQL): SQL {
  if (reset === 'weekly') return sql`date_trunc('week', ${day})::date`;
  if (reset === 'monthly') return sql`date_trunc('month', ${day})::date`;
  return sql`date '1970-01-01'`;
}

/**
 * The check-in leaderboard: by=streak ranks current streaks (streaks.ts's currentStreak, here as
 * gaps-and-islands over every member at once); by=days ranks days checked in between from and to. Equal
 * values rank the member first seen earlier first, then by member id, so the order never changes between
 * two reads of the same data.
 */
export async function checkInLeaderboard(ctx: TenantCtx, query: unknown, now = new Date()): Promise<Page<CheckInStanding> & { from: string | null; to: string }> {
  const q = parseInput(checkInLeaderboardQuerySchema, query);
  const today = localDay(now, ctx.timeZone);
  const order = sql`value desc, m.first_seen_at, m.id`;
  if (q.by === 'days') {
    const from = q.from ?? `${today.slice(0, 7)}-01`;
    const to = q.to ?? today;
    checkRange(from, to);
    const page = await paginate<CheckInStanding>(ctx.db, q, sql`
      select (row_number() over (order by ${order}))::int as rank, m.id as "memberId", m.display_name as name, c.value, c."lastDay"
      from (select member_id, count(*)::int as value, to_char(max(day), 'YYYY-MM-DD') as "lastDay" from check_ins
            where workspace_id = ${ctx.workspaceId} and day between ${from}::date and ${to}::date group by member_id) c
      join members m on m.workspace_id = ${ctx.workspaceId} and m.id = c.member_id`, sql`rank`);
    return { ...page, from, to };
  }
  const { settings } = await readCheckInSettings(ctx);
  const reset = settings.resetPeriod;
  const yesterday = addDays(today, -1);
  // Only the period holding yesterday can hold a current streak; without a reset, any day can.
  const since = periodStart(yesterday, reset);
  const page = await paginate<CheckInStanding>(ctx.db, q, sql`
    with d as (
      select member_id, day, ${periodOf(reset, sql`day`)} as p from check_ins
      where workspace_id = ${ctx.workspaceId} and day <= ${today}::date ${since ? sql`and day >= ${since}::date` : sql``}),
    g as (select member_id, day, p, day - (row_number() over (partition by member_id, p order by day))::int as grp from d),
    i as (select member_id, p, count(*)::int as value, max(day) as last from g group by member_id, p, grp)
    select (row_number() over (order by ${order}))::int as rank, m.id as "memberId", m.display_name as name, i.value, to_char(i.last, 'YYYY-MM-DD') as "lastDay"
    from i join members m on m.workspace_id = ${ctx.workspaceId} and m.id = i.member_id
    where i.last = ${today}::date or (i.last = ${yesterday}::date and i.p = ${periodOf(reset, sql`${today}::date`)})`, sql`rank`);
  return { ...page, from: null, to: today };
}
