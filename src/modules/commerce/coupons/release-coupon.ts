import { one, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';

export interface Released {
  orderId: string;
  /** The claim the order used; null when the order used no coupon. */
  claimId: string | null;
  /** Whether the claim went back to its member (status claimed again). */
  returned: boolean;
  /** False when this order's coupon had been released already (a replay); the answer is the first release's. */
  released: boolean;
}

/**
 * Lets go of the coupon an order used, when the order is cancelled or refunded. The claim goes back to its
 * member only for a cancellation (before payment), when the coupon's rule says so and the claim is still
 * valid at that moment; otherwise it stays used. A second call for the same order changes nothing and
 * answers what the first did; an order without a coupon answers claimId null.
 */
export async function releaseCoupon(ctx: TenantCtx, input: { orderId: string; reason: 'cancelled' | 'refunded' }, now = new Date()): Promise<Released> {
  // The guarded update is the idempotency: only the first release finds the redemption still applied.
  const r = await one<{ claimId: string }>(ctx.db, sql`
    update coupon_redemptions set status = 'released', release_reason = ${input.reason}, released_at = ${now.toISOString()}::timestamptz
    where workspace_id = ${ctx.workspaceId} and order_id = ${input.orderId} and status = 'applied'
    returning claim_id as "claimId"`);
  if (!r) {
    const before = await one<{ claimId: string; returned: boolean | null }>(ctx.db, sql`
      select claim_id as "claimId", returned from coupon_redemptions where workspace_id = ${ctx.workspaceId} and order_id = ${input.orderId}`);
    return { orderId: input.orderId, claimId: before?.claimId ?? null, returned: before?.returned ?? false, released: false };
  }
  let returned = false;
  if (input.reason === 'cancelled') {
    const back = await one(ctx.db, sql`
      update coupon_claims k set status = 'claimed', used_order_id = null, used_at = null
      from coupons c
      where k.workspace_id = ${ctx.workspaceId} and k.id = ${r.claimId} and k.status = 'used' and k.used_order_id = ${input.orderId}
        and c.workspace_id = k.workspace_id and c.id = k.coupon_id and c.return_on_cancel and k.valid_until > ${now.toISOString()}::timestamptz
      returning k.id`);
    returned = Boolean(back);
  }
  await ctx.db.execute(sql`
    update coupon_redemptions set returned = ${returned} where workspace_id = ${ctx.workspaceId} and order_id = ${input.orderId}`);
  return { orderId: input.orderId, claimId: r.claimId, returned, released: true };
}
