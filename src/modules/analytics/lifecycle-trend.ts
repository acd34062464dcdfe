import { one, sql } from '../../db/client.js';
import type { TenantCtx } from '../../core/context.js';
import { invalid } from '../../core/errors.js';
import type { AsOfInput } from './as-of-scope.js';
import { asOfScope } from './as-of-scope.js';
import { stageCounts, type Stage } from './lifecycle.js';

export const DEFAULT_TREND_WEEKS = 8;
export const MAX_TREND_WEEKS = 26;

export interface LifecyclePoint { period_start: string; as_of: string; counts: Record<Stage, number> }

/**
 * Lifecycle bars per ISO week: for each of the `weeks` weeks ending with the week of the as-of day, the
 * stage counts (7-day period) as of the end of that week (local Monday 00:00 after it), the last one as of
 * asOf itself when that comes first. Oldest first.
 */
export async function lifecycleTrend(ctx: TenantCtx, input: AsOfInput & { weeks?: number }): Promise<LifecyclePoint[]> {
  const weeks = input.weeks ?? DEFAULT_TREND_WEEKS;
  if (!Number.isInteger(weeks) || weeks < 1 || weeks > MAX_TREND_WEEKS) throw invalid('weeks', `must be a whole number from 1 to ${MAX_TREND_WEEKS}`);
  const scope = await asOfScope(ctx, input);
  const { monday } = (await one<{ monday: string }>(ctx.db, sql`select to_char(date_trunc('week', ${scope.lastDay}::date), 'YYYY-MM-DD') as monday`))!;
  const points: LifecyclePoint[] = [];
  for (let k = weeks - 1; k >= 0; k--) {
    const w = await one<{ start: string; end: Date }>(ctx.db, sql`
      select to_char(${monday}::date - ${7 * k}::int, 'YYYY-MM-DD') as start,
             ((${monday}::date - ${7 * k - 7}::int)::timestamp at time zone ${ctx.timeZone}) as "end"`);
    const at = w!.end < scope.to ? w!.end : scope.to;
    // Each point is its own scope: membership at a past instant must be folded from the events before it.
    const s = k === 0 ? scope : await asOfScope(ctx, { communityId: input.communityId, asOf: at });
    points.push({ period_start: w!.start, as_of: at.toISOString(), counts: await stageCounts(ctx, s, 7) });
  }
  return points;
}
