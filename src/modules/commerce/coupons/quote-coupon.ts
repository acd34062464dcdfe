import { one, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { AppError, notFound } from '../../../core/errors.js';
import { checkUsable, discountFor, type CouponTerms } from './discount.js';

export interface ClaimForOrder extends CouponTerms {
  id: string; couponId: string; memberId: string; status: 'claimed' | 'used'; validFrom: Date; validUntil: Date; name: string;
}

/** A member's claim with its coupon's terms; another member's claim is "not found", as if it did not exist. */
export async function claimOf(ctx: TenantCtx, claimId: string, memberId: string): Promise<ClaimForOrder> {
  const claim = await one<ClaimForOrder>(ctx.db, sql`
    select k.id, k.coupon_id as "couponId", k.member_id as "memberId", k.status, k.valid_from as "validFrom", k.valid_until as "validUntil",
      c.name, c.kind, c.amount_off_cents as "amountOffCents", c.percent_off as "percentOff", c.max_discount_cents as "maxDiscountCents",
      c.min_spend_cents as "minSpendCents"
    from coupon_claims k join coupons c on c.workspace_id = k.workspace_id and c.id = k.coupon_id
    where k.workspace_id = ${ctx.workspaceId} and k.id = ${claimId}`);
  if (!claim || claim.memberId !== memberId) throw notFound('coupon claim');
  return claim;
}

export const alreadyUsed = () => new AppError('conflict', 'coupon: already used', [{ path: 'claimId', message: 'this coupon has been used on another order' }]);

export interface Quote { claimId: string; couponName: string; subtotalCents: number; discountCents: number; payableCents: number }

/**
 * What a claim would take off an order now, for the checkout to show; it changes nothing. It refuses the
 * same way redeemCoupon would (404 not the member's, 409 used, not valid yet, expired, under the minimum).
 */
export async function quoteCoupon(ctx: TenantCtx, input: { claimId: string; memberId: string; subtotalCents: number }, now = new Date()): Promise<Quote> {
  const claim = await claimOf(ctx, input.claimId, input.memberId);
  if (claim.status !== 'claimed') throw alreadyUsed();
  checkUsable(claim, input.subtotalCents, now);
  const discountCents = discountFor(claim, input.subtotalCents);
  return { claimId: claim.id, couponName: claim.name, subtotalCents: input.subtotalCents, discountCents, payableCents: input.subtotalCents - discountCents };
}
