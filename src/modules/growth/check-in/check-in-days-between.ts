import { rows, sql, uuids } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';

/**
 * Days each member checked in from `from` to `to` (local days, both included; made-up days count, as
 * they do on the calendar), optionally only for some members. Members with none are absent.
 */
export async function checkInDaysBetween(ctx: TenantCtx, q: { from: string; to: string; memberIds?: string[] }): Promise<Map<string, number>> {
  const found = await rows<{ memberId: string; days: number }>(ctx.db, sql`
    select member_id as "memberId", count(*)::int as days from check_ins
    where workspace_id = ${ctx.workspaceId} and day between ${q.from}::date and ${q.to}::date
      ${q.memberIds ? sql`and member_id = any(${uuids(q.memberIds)})` : sql``}
    group by member_id`);
  return new Map(found.map((r) => [r.memberId, r.days]));
}
