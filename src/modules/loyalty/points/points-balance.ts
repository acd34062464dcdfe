import { one, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';

/**
 * What the member can spend now: the account's balance less lots already past their time that the expiry
 * job has not closed yet (a spend closes them first, so this is what a spend would find).
 */
export async function pointsBalance(ctx: TenantCtx, memberId: string, now = new Date()): Promise<number> {
  const row = await one<{ balance: number }>(ctx.db, sql`
    select coalesce((select balance from points_accounts where workspace_id = ${ctx.workspaceId} and member_id = ${memberId}), 0)
      - coalesce((select sum(remaining) from points_lots where workspace_id = ${ctx.workspaceId} and member_id = ${memberId}
          and remaining > 0 and expires_at <= ${now.toISOString()}), 0)::int as balance`);
  return row!.balance;
}
