import { one, sql } from '../../db/client.js';
import type { TenantCtx } from '../../core/context.js';
import type { Scope } from './scope.js';
import { speakingDays } from './speaking-days.js';

export interface DailyActivity { dau: number; wau: number; mau: number; avg_dau: number; stickiness: number | null }

/**
 * Distinct speakers over the window's last 1 / 7 / 30 local days (clipped to the window), the mean of
 * daily distinct speakers over all the window's days (days without speakers count as 0), and stickiness:
 * that mean over the window's last 30 days divided by mau.
 */
export async function dailyActivity(ctx: TenantCtx, s: Scope): Promise<DailyActivity> {
  const last = sql`${s.lastDay}::date`;
  const r = await one<{ dau: number; wau: number; mau: number; avg_dau: number | null; avg_dau_30: number | null }>(ctx.db, sql`
    with d as (${speakingDays(ctx, s)}),
    days as (select g::date as day from generate_series(${s.firstDay}::date, ${last}, interval '1 day') g),
    daily as (select days.day, count(distinct d.member_id) as n from days left join d on d.day = days.day group by days.day)
    select (select count(distinct member_id)::int from d where day = ${last}) as dau,
           (select count(distinct member_id)::int from d where day > ${last} - 7) as wau,
           (select count(distinct member_id)::int from d where day > ${last} - 30) as mau,
           (select avg(n::float8) from daily) as avg_dau,
           (select avg(n::float8) from daily where day > ${last} - 30) as avg_dau_30`);
  return {
    dau: r!.dau, wau: r!.wau, mau: r!.mau,
    avg_dau: r!.avg_dau ?? 0,
    stickiness: r!.mau > 0 ? r!.avg_dau_30! / r!.mau : null,
  };
}
