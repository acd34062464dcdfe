import { sql, type SQL } from '../../db/client.js';
import type { TenantCtx } from '../../core/context.js';
import { inScope, instant, isEcho, type Scope } from './scope.js';

/** One membership as it stood at the scope's `to`; role and is_kol are today's (they have no history). */
export interface MembershipAt { community_id: string; member_id: string; joined_at: Date | null; present: boolean; role: string; is_kol: boolean }

/**
 * Memberships (community, member) known at `to`, folded the way the memberships table folds events
 * (docs/metrics.md, "Membership present at the window end"): known once the member has some event in the
 * group before `to` (outbound echoes aside); present unless their latest leave before `to` is not older than
 * their latest join; joined_at is their latest join before `to`. When nothing of the scope happened at or
 * after `to`, the table already is that state and is read instead of folding every event again.
 */
export function membershipsAt(ctx: TenantCtx, s: Scope): SQL {
  if (s.toIsOpen) {
    return sql`
      select ms.community_id, ms.member_id, ms.joined_at, ms.left_at is null as present, ms.role, ms.is_kol
      from memberships ms where ${inScope(ctx, s, 'ms')}`;
  }
  return sql`
    select f.community_id, f.member_id, f.joined_at, f.present, coalesce(ms.role, 'member') as role, coalesce(ms.is_kol, false) as is_kol
    from (
      select e.community_id, e.member_id,
             max(e.occurred_at) filter (where e.type = 'member.joined') as joined_at,
             coalesce(max(e.occurred_at) filter (where e.type = 'member.joined') > max(e.occurred_at) filter (where e.type = 'member.left'),
                      max(e.occurred_at) filter (where e.type = 'member.left') is null) as present
      from events e
      where ${inScope(ctx, s, 'e')} and e.occurred_at < ${instant(s.to)} and not ${isEcho('e')}
      group by e.community_id, e.member_id) f
    left join memberships ms on ms.workspace_id = ${ctx.workspaceId} and ms.community_id = f.community_id and ms.member_id = f.member_id`;
}
