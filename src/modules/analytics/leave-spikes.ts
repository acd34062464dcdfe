import { rows, sql } from '../../db/client.js';
import type { TenantCtx } from '../../core/context.js';
import type { LeaveSpike } from './contracts.js';
import { inScope, inWindow, instant, isEcho, localWeek, type Scope } from './scope.js';

export const TRAILING_WEEKS = 8;
export const MIN_HISTORY_WEEKS = 4;
export const SPIKE_STD = 3;
export const MIN_SPIKE_LEAVES = 3;

/**
 * Weeks whose leaves jump above the community's own recent past. Per community, the weeks run from the
 * week of its first event in the window (the platform's own messages aside) to the window's last week (weeks without leaves count 0; the
 * edge weeks count only their part inside the window). A week is a spike when it has at least
 * MIN_HISTORY_WEEKS earlier weeks, leaves >= MIN_SPIKE_LEAVES and leaves > mean + 3 * std of the previous
 * (up to) TRAILING_WEEKS weeks, std being the population one; with std = 0 that is simply leaves > mean.
 */
export async function leaveSpikes(ctx: TenantCtx, s: Scope): Promise<LeaveSpike[]> {
  // Per community and week: its leaves, one row per day with any event (a whole-day window reads
  // community_days, which has a row for every such day) or per event (any other window).
  const w = s.wholeDays
    ? sql`select c.community_id, date_trunc('week', c.day)::date as week, c.leaves from community_days c
          where ${inScope(ctx, s, 'c')} and c.day between ${s.firstDay}::date and ${s.lastDay}::date`
    : sql`select e.community_id, ${localWeek(ctx, sql`e.occurred_at`)} as week, (e.type = 'member.left')::int as leaves from events e
          where ${inWindow(ctx, s, 'e')} and not ${isEcho('e')}`;
  return rows<LeaveSpike>(ctx.db, sql`
    with w as (${w}),
    starts as (select community_id, min(week) as first_week from w group by community_id),
    weeks as (
      select st.community_id, g::date as week
      from starts st, generate_series(st.first_week, ${localWeek(ctx, sql`(${instant(s.to)} - interval '1 microsecond')`)}, interval '7 days') g),
    left_per_week as (select community_id, week, sum(leaves)::int as leaves from w group by community_id, week),
    counted as (
      select wk.community_id, wk.week, coalesce(l.leaves, 0) as leaves
      from weeks wk left join left_per_week l on l.community_id = wk.community_id and l.week = wk.week),
    history as (
      select community_id, week, leaves,
             count(*) over past as weeks_before, avg(leaves) over past as mean, stddev_pop(leaves) over past as std
      from counted
      window past as (partition by community_id order by week rows between ${sql.raw(String(TRAILING_WEEKS))} preceding and 1 preceding))
    select community_id, to_char(week, 'YYYY-MM-DD') as week, leaves, mean::float8 as trailing_mean, std::float8 as trailing_std
    from history
    where weeks_before >= ${MIN_HISTORY_WEEKS} and leaves >= ${MIN_SPIKE_LEAVES} and leaves > mean + ${SPIKE_STD} * std
    order by week, community_id`);
}
