import { one, sql, type SQL } from '../../db/client.js';
import type { TenantCtx } from '../../core/context.js';
import { inScope, inWindow, instant, isEcho, isUserMessage, type Scope } from './scope.js';
import { ACTIVATION_INTERVAL } from '../tracking/conversation-rollups.js';
import { membershipFromRollups } from './membership-from-rollups.js';

export { ACTIVATION_HOURS } from '../tracking/conversation-rollups.js';

export interface MembershipMetrics { members_known: number; joins: number; leaves: number; lurker_share: number | null; activation_48h: number | null }

/**
 * Memberships (community, member) in the group at the window end, folded the way the memberships table
 * folds events: some event of the member in the group before `to` (outbound echoes aside), and no leave
 * unless a later join. When nothing of the scope happened at or after `to`, the table is that state.
 */
function presentAtEnd(ctx: TenantCtx, s: Scope): SQL {
  if (s.toIsOpen) {
    return sql`select ms.community_id, ms.member_id from memberships ms where ${inScope(ctx, s, 'ms')} and ms.left_at is null`;
  }
  return sql`
    select e.community_id, e.member_id from events e
    where ${inScope(ctx, s, 'e')} and e.occurred_at < ${instant(s.to)} and not ${isEcho('e')}
    group by e.community_id, e.member_id
    having coalesce(max(e.occurred_at) filter (where e.type = 'member.joined') > max(e.occurred_at) filter (where e.type = 'member.left'),
                    max(e.occurred_at) filter (where e.type = 'member.left') is null)`;
}

/**
 * Joins, leaves and people seen in the window; lurkers among the memberships present at the window end;
 * and activation of the window's joiners, whose 48 hours may run past the window end (the hours belong
 * to the joiner, not to the report). A whole-day window reads the rollups (membership-from-rollups.ts).
 */
export async function membershipMetrics(ctx: TenantCtx, s: Scope): Promise<MembershipMetrics> {
  if (s.wholeDays) return membershipFromRollups(ctx, s);
  const r = await one<MembershipCounts>(ctx.db, sql`
    with w as (
      select e.community_id, e.member_id, e.type, e.occurred_at from events e
      where ${inWindow(ctx, s, 'e')} and (e.type in ('member.joined', 'member.left') or ${isUserMessage('e')})),
    present as (${presentAtEnd(ctx, s)}),
    joined as (select community_id, member_id, min(occurred_at) as at from w where type = 'member.joined' group by community_id, member_id)
    select count(*) filter (where type = 'member.joined')::int as joins,
           count(*) filter (where type = 'member.left')::int as leaves,
           count(distinct member_id)::int as known,
           (select count(*)::int from present) as present,
           (select count(*)::int from present p where not exists (
              select 1 from w where w.type = 'message.sent' and w.community_id = p.community_id and w.member_id = p.member_id)) as lurkers,
           (select count(*)::int from joined) as joiners,
           (select count(*)::int from joined j where exists (
              select 1 from events e where ${inScope(ctx, s, 'e')} and e.community_id = j.community_id and e.member_id = j.member_id
                and ${isUserMessage('e')} and e.occurred_at >= j.at and e.occurred_at < j.at + ${ACTIVATION_INTERVAL}::interval)) as activated
    from w`);
  return membershipMetricsOf(r!);
}

/** The counts both ways of computing them answer, as the metrics: shares are null when their base is empty. */
export interface MembershipCounts { joins: number; leaves: number; known: number; present: number; lurkers: number; joiners: number; activated: number }
export function membershipMetricsOf(r: MembershipCounts): MembershipMetrics {
  return {
    members_known: r.known,
    joins: r.joins,
    leaves: r.leaves,
    lurker_share: r.present > 0 ? r.lurkers / r.present : null,
    activation_48h: r.joiners > 0 ? r.activated / r.joiners : null,
  };
}
