import { rows, sql, uuids } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';

/**
 * Points each member earned in [from, to), optionally only for some members; members who earned none are
 * absent. Points given back for a cancelled redemption are not earnings, and points taken back for a
 * refunded order come off, so buying and refunding never climbs a leaderboard.
 */
export async function pointsEarnedBetween(ctx: TenantCtx, q: { from: Date; to: Date; memberIds?: string[] }): Promise<Map<string, number>> {
  const found = await rows<{ memberId: string; total: number }>(ctx.db, sql`
    select member_id as "memberId", sum(amount)::int as total from points_entries
    where workspace_id = ${ctx.workspaceId} and ((kind = 'earn' and reason <> 'refund') or reason = 'order_refund') and created_at >= ${q.from.toISOString()} and created_at < ${q.to.toISOString()}
      ${q.memberIds ? sql`and member_id = any(${uuids(q.memberIds)})` : sql``}
    group by member_id
    having sum(amount) > 0`);
  return new Map(found.map((r) => [r.memberId, r.total]));
}
