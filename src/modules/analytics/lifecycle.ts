import { rows, sql, type SQL } from '../../db/client.js';
import type { TenantCtx } from '../../core/context.js';
import { invalid } from '../../core/errors.js';
import { asOfScope, type AsOfInput } from './as-of-scope.js';
import { membershipsAt } from './memberships-at.js';
import { inScope, localDay, type Scope } from './scope.js';

/** In precedence order: a membership takes the first stage whose rule holds (docs/metrics.md). */
export const STAGES = ['left', 'new', 'active', 'returning', 'resurrecting', 'at_risk', 'dormant'] as const;
export type Stage = (typeof STAGES)[number];

export const DEFAULT_PERIOD_DAYS = 7;
/** Silence this long ends "returning" and "at risk": the member has lapsed. */
export const LAPSE_DAYS = 28;
/** "Top 25%": k = ceil(n / 4) speakers, and everyone tied with the k-th. */
export const AT_RISK_TOP_DIVISOR = 4;

export interface LifecycleInput extends AsOfInput { periodDays?: number }
export interface MemberStage { community_id: string; member_id: string; stage: Stage }

const day = (d: string) => sql`${d}::date`;

/**
 * Stage of every membership of the scope at `s.to`, with the as-of day D = s.lastDay and period p:
 * current period C = days D-p+1..D, previous P = the p days before, reference R = the 28 days before C.
 * Days come from member_days, so they are whole local days up to and including D.
 */
export function lifecycleSql(ctx: TenantCtx, s: Scope, periodDays: number): SQL {
  const d = day(s.lastDay);
  const p = periodDays;
  return sql`
    with ms as (${membershipsAt(ctx, s)}),
    act as (
      select a.community_id, a.member_id,
             coalesce(sum(a.messages) filter (where a.day > ${d} - ${p}::int), 0) as cur,
             coalesce(sum(a.messages) filter (where a.day > ${d} - ${2 * p}::int and a.day <= ${d} - ${p}::int), 0) as prev,
             coalesce(sum(a.messages) filter (where a.day <= ${d} - ${p}::int), 0) as ref,
             coalesce(sum(a.messages) filter (where a.day > ${d} - ${LAPSE_DAYS}::int and a.day <= ${d} - ${p}::int), 0) as lately
      from member_days a
      where ${inScope(ctx, s, 'a')} and a.messages > 0 and a.day > ${d} - ${p + LAPSE_DAYS}::int and a.day <= ${d}
      group by a.community_id, a.member_id),
    ranked as (
      select community_id, member_id,
             -- rank() is 1 + the number strictly ahead, so rank <= k keeps everyone tied with the k-th.
             rank() over (partition by community_id order by ref desc) <= (count(*) over (partition by community_id) + ${AT_RISK_TOP_DIVISOR - 1}) / ${AT_RISK_TOP_DIVISOR} as top
      from act where ref > 0)
    select ms.community_id, ms.member_id,
           case when not ms.present then 'left'
                when ms.joined_at is not null and ${localDay(ctx, sql`ms.joined_at`)} > ${d} - ${p}::int then 'new'
                when coalesce(a.cur, 0) > 0 and a.prev > 0 then 'active'
                when coalesce(a.cur, 0) > 0 and a.ref > 0 then 'returning'
                when coalesce(a.cur, 0) > 0 then 'resurrecting'
                when coalesce(a.lately, 0) > 0 and r.top then 'at_risk'
                else 'dormant' end as stage
    from ms
    left join act a on a.community_id = ms.community_id and a.member_id = ms.member_id
    left join ranked r on r.community_id = ms.community_id and r.member_id = ms.member_id`;
}

export function checkPeriod(periodDays: number | undefined): number {
  const p = periodDays ?? DEFAULT_PERIOD_DAYS;
  // p > 28 would let the previous period reach past the reference window, and the stages would overlap.
  if (!Number.isInteger(p) || p < 1 || p > LAPSE_DAYS) throw invalid('periodDays', `must be a whole number from 1 to ${LAPSE_DAYS}`);
  return p;
}

/**
 * Where each (member, community) membership known at asOf stands: exactly one stage of STAGES. Default
 * asOf now, period 7 days; an unknown community, or one of another workspace, is "not found".
 */
export async function memberLifecycle(ctx: TenantCtx, input: LifecycleInput): Promise<MemberStage[]> {
  const p = checkPeriod(input.periodDays);
  const s = await asOfScope(ctx, input);
  return rows<MemberStage>(ctx.db, sql`select * from (${lifecycleSql(ctx, s, p)}) l order by l.community_id, l.member_id`);
}

/** Memberships per stage (every stage present, 0 when empty); a person in two groups counts in each. */
export async function stageCounts(ctx: TenantCtx, s: Scope, periodDays: number): Promise<Record<Stage, number>> {
  const found = await rows<{ stage: Stage; n: number }>(ctx.db, sql`
    select l.stage, count(*)::int as n from (${lifecycleSql(ctx, s, periodDays)}) l group by l.stage`);
  const counts = Object.fromEntries(STAGES.map((st) => [st, 0])) as Record<Stage, number>;
  for (const f of found) counts[f.stage] = f.n;
  return counts;
}

export async function lifecycleCounts(ctx: TenantCtx, input: LifecycleInput): Promise<Record<Stage, number>> {
  const p = checkPeriod(input.periodDays);
  return stageCounts(ctx, await asOfScope(ctx, input), p);
}
