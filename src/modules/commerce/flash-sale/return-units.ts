import { one, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';

/**
 * Called by the orders module inside the transition that cancels an unpaid order (orders/transition-order.ts):
 * when the order was a flash-sale admission, its units go back to the bucket they came from and the
 * member's counter drops by them (so they may buy again), by a guarded `status = 'admitted'` update, so at
 * most once. Answers false for any other order, whose stock the orders module returns to the SKU itself.
 */
export async function returnFlashSaleUnits(ctx: TenantCtx, orderId: string): Promise<boolean> {
  const a = await one<{ sessionId: string; skuId: string; memberId: string; quantity: number; bucketNo: number }>(ctx.db, sql`
    update flash_sale_admissions set status = 'returned', returned_at = now()
    where workspace_id = ${ctx.workspaceId} and order_id = ${orderId} and status = 'admitted'
    returning session_id as "sessionId", sku_id as "skuId", member_id as "memberId", quantity, bucket_no as "bucketNo"`);
  if (!a) {
    // Returned once already, or not a flash-sale order at all.
    return !!(await one(ctx.db, sql`select 1 from flash_sale_admissions where workspace_id = ${ctx.workspaceId} and order_id = ${orderId}`));
  }
  await ctx.db.execute(sql`
    update flash_sale_buckets set stock = stock + ${a.quantity}
    where workspace_id = ${ctx.workspaceId} and session_id = ${a.sessionId} and sku_id = ${a.skuId} and bucket_no = ${a.bucketNo}`);
  await ctx.db.execute(sql`
    update flash_sale_member_counts set bought = bought - ${a.quantity}
    where workspace_id = ${ctx.workspaceId} and session_id = ${a.sessionId} and member_id = ${a.memberId}`);
  return true;
}
