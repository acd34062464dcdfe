import { one, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';

/**
 * The distributor an order's sale was credited to: the one its tier-1 commission went to (the buyer's bound
 * distributor at payment, docs/commerce.md "Distribution"). Null when the order earned no commission.
 */
export async function creditedDistributor(ctx: TenantCtx, orderId: string): Promise<string | null> {
  const row = await one<{ id: string }>(ctx.db, sql`
    select distributor_id as id from distribution_commissions
    where workspace_id = ${ctx.workspaceId} and order_id = ${orderId} and tier = 1 and kind = 'commission'`);
  return row?.id ?? null;
}
