import { rows, sql } from '../../db/client.js';
import type { TenantCtx } from '../../core/context.js';
import { inScope } from './scope.js';

export interface MessageWindow {
  /** null: every community of the workspace. */
  communityIds: string[] | null;
  /** Local days of the workspace, both included, and the instants they span. */
  firstDay: string;
  lastDay: string;
  from: Date;
  to: Date;
}

/**
 * Substantive messages per member (docs/metrics.md, "substantive"), as the health report counts them: long ones
 * from the member-day rollup, plus short ones someone answered before the window ended. Members with none
 * are absent. For other modules (leaderboards) that rank by what the analytics count.
 */
export async function substantiveMessagesByMember(ctx: TenantCtx, w: MessageWindow): Promise<Map<string, number>> {
  const scope = { communityIds: w.communityIds };
  const found = await rows<{ memberId: string; n: number }>(ctx.db, sql`
    select member_id as "memberId", sum(n)::int as n from (
      select d.member_id, d.long_messages as n from member_days d
      where ${inScope(ctx, scope, 'd')} and d.day between ${w.firstDay}::date and ${w.lastDay}::date and d.long_messages > 0
      union all
      select f.member_id, 1 from first_replies f
      where ${inScope(ctx, scope, 'f')} and f.sent_at >= ${w.from.toISOString()} and f.sent_at < ${w.to.toISOString()}
        and f.first_reply_at < ${w.to.toISOString()} and not f.long_text) s
    group by member_id`);
  return new Map(found.map((r) => [r.memberId, r.n]));
}
