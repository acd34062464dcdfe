import { one, sql, type SQL } from '../../db/client.js';
import type { TenantCtx } from '../../core/context.js';
import { inScope, instant, type Scope } from './scope.js';
import { membershipMetricsOf, type MembershipCounts, type MembershipMetrics } from './membership-metrics.js';

/**
 * Memberships present at the end of a whole-day window, from member_days: some own event of the member
 * in the group up to the last day, and the last join after the last leave (or no leave at all). The same
 * fold as membership-metrics.ts over the events, with each day's last join and leave standing for its events.
 */
function presentAtEnd(ctx: TenantCtx, s: Scope): SQL {
  if (s.toIsOpen) {
    return sql`select ms.community_id, ms.member_id from memberships ms where ${inScope(ctx, s, 'ms')} and ms.left_at is null`;
  }
  return sql`
    select d.community_id, d.member_id from member_days d
    where ${inScope(ctx, s, 'd')} and d.day <= ${s.lastDay}::date and d.events > 0
    group by d.community_id, d.member_id
    having coalesce(max(d.last_join_at) > max(d.last_leave_at), max(d.last_leave_at) is null)`;
}

/** membershipMetrics for a whole-day window, from member_days and join_activations. */
export async function membershipFromRollups(ctx: TenantCtx, s: Scope): Promise<MembershipMetrics> {
  const r = await one<MembershipCounts>(ctx.db, sql`
    with w as (
      select d.community_id, d.member_id, d.messages, d.joins, d.leaves from member_days d
      where ${inScope(ctx, s, 'd')} and d.day between ${s.firstDay}::date and ${s.lastDay}::date and (d.messages > 0 or d.joins > 0 or d.leaves > 0)),
    present as (${presentAtEnd(ctx, s)}),
    -- A member who joined twice in the window is one joiner, judged by the first join.
    joined as (
      select distinct on (j.community_id, j.member_id) j.activated_at from join_activations j
      where ${inScope(ctx, s, 'j')} and j.joined_at >= ${instant(s.from)} and j.joined_at < ${instant(s.to)}
      order by j.community_id, j.member_id, j.joined_at)
    select coalesce(sum(joins), 0)::int as joins, coalesce(sum(leaves), 0)::int as leaves, count(distinct member_id)::int as known,
           (select count(*)::int from present) as present,
           (select count(*)::int from present p where not exists (
              select 1 from w where w.messages > 0 and w.community_id = p.community_id and w.member_id = p.member_id)) as lurkers,
           (select count(*)::int from joined) as joiners,
           (select count(activated_at)::int from joined) as activated
    from w`);
  return membershipMetricsOf(r!);
}
