import { sql, type SQL } from '../../db/client.js';
import type { TenantCtx } from '../../core/context.js';
import { inScope, inWindow, isUserMessage, localDay, type Scope } from './scope.js';

/**
 * Messages per (community, member, workspace-local day) inside the window: the one source of every
 * message-count metric. When the window is whole local days, member_days holds exactly these numbers
 * (same echo rule, same day rule) and is read instead of the events.
 */
export function speakingDays(ctx: TenantCtx, s: Scope): SQL {
  if (s.wholeDays) {
    return sql`
      select d.community_id, d.member_id, d.day, d.messages from member_days d
      where ${inScope(ctx, s, 'd')} and d.day between ${s.firstDay}::date and ${s.lastDay}::date and d.messages > 0`;
  }
  return sql`
    select e.community_id, e.member_id, ${localDay(ctx, sql`e.occurred_at`)} as day, count(*)::int as messages from events e
    where ${inWindow(ctx, s, 'e')} and ${isUserMessage('e')}
    group by 1, 2, 3`;
}
