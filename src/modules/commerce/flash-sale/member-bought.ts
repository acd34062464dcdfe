import { rows, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';

/** Units a member holds in each of these sessions (the counter admission checks the per-member limit against). */
export async function memberBought(ctx: TenantCtx, memberId: string, sessionIds: string[]): Promise<Map<string, number>> {
  if (!sessionIds.length) return new Map();
  const found = await rows<{ sessionId: string; bought: number }>(ctx.db, sql`
    select session_id as "sessionId", bought::int as bought from flash_sale_member_counts
    where workspace_id = ${ctx.workspaceId} and member_id = ${memberId}
      and session_id in (${sql.join(sessionIds.map((id) => sql`${id}::uuid`), sql`, `)})`);
  return new Map(found.map((r) => [r.sessionId, r.bought]));
}
