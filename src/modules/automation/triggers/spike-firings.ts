import { one } from '../../../db/client.js';
import { sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { leaveSpikes, TRAILING_WEEKS } from '../../analytics/leave-spikes.js';
import { resolveScope } from '../../analytics/resolve-scope.js';
import { recordFiring } from './record-firing.js';
import type { RuleRow } from './rule-row.js';
import { inRuleScope, type CommunityTypes } from './scope.js';

/**
 * Leave-spike rules: the health report's leave spikes (docs/metrics.md) over a window starting on the
 * Monday TRAILING_WEEKS weeks before the current week, so the current week has its full trailing history,
 * and ending at asOf. A spike of the current or the previous week fires once per group and week (occurrence
 * week:<monday>): the week's leaves keep growing while it lasts, the alert should not.
 */
export async function spikeFirings(ctx: TenantCtx, rules: RuleRow[], asOf: Date, types: CommunityTypes): Promise<number> {
  if (!rules.length) return 0;
  const at = asOf.toISOString();
  const w = (await one<{ from: Date; previousWeek: string }>(ctx.db, sql`
    with cur as (select date_trunc('week', (${at}::timestamptz - interval '1 microsecond') at time zone ${ctx.timeZone}) as monday)
    select (monday - make_interval(weeks => ${TRAILING_WEEKS})) at time zone ${ctx.timeZone} as "from",
           to_char(monday - interval '7 days', 'YYYY-MM-DD') as "previousWeek" from cur`))!;
  const spikes = (await leaveSpikes(ctx, await resolveScope(ctx, { from: w.from, to: asOf }))).filter((s) => s.week >= w.previousWeek);
  let recorded = 0;
  for (const rule of rules) {
    for (const s of spikes) {
      if (!inRuleScope(rule.scope, s.community_id, types)) continue;
      const context = { week: s.week, leaves: s.leaves, trailingMean: s.trailing_mean, trailingStd: s.trailing_std };
      if (await recordFiring(ctx, rule, { memberId: null, communityId: s.community_id, occurrence: `week:${s.week}`, occurredAt: asOf, context })) recorded++;
    }
  }
  return recorded;
}
