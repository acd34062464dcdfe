import { one, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { AppError, invalid } from '../../../core/errors.js';
import { checkUsable, discountFor } from './discount.js';
import { alreadyUsed, claimOf } from './quote-coupon.js';

export interface RedeemInput { claimId: string; memberId: string; orderId: string; subtotalCents: number; idempotencyKey: string }
export interface Redeemed { redemptionId: string; claimId: string; couponId: string; orderId: string; discountCents: number; created: boolean }

/**
 * Spends a member's claim on an order, inside the order's own transaction (the orders module calls it with
 * its ctx and puts `{ source: 'coupon', ref: claimId, amountCents: discountCents }` on the order).
 * The claim is marked used by a guarded update (status = 'claimed'), so two orders racing for one claim
 * get it once; the redemption's unique order id allows one coupon per order. The same idempotency key
 * answers the first redemption, with created false.
 */
export async function redeemCoupon(ctx: TenantCtx, input: RedeemInput, now = new Date()): Promise<Redeemed> {
  if (!Number.isInteger(input.subtotalCents) || input.subtotalCents < 0) throw invalid('subtotalCents', 'must be a whole number of cents, 0 or more');
  const key = `redeem:${input.idempotencyKey}`;
  const replay = async (): Promise<Redeemed | null> => {
    const r = await one<Omit<Redeemed, 'created'>>(ctx.db, sql`
      select r.id as "redemptionId", r.claim_id as "claimId", k.coupon_id as "couponId", r.order_id as "orderId", r.discount_cents as "discountCents"
      from coupon_redemptions r join coupon_claims k on k.workspace_id = r.workspace_id and k.id = r.claim_id
      where r.workspace_id = ${ctx.workspaceId} and r.idempotency_key = ${key}`);
    if (!r) return null;
    if (r.claimId !== input.claimId || r.orderId !== input.orderId) {
      throw new AppError('conflict', 'coupon: this idempotency key redeemed another claim or order', [{ path: 'idempotencyKey', message: 'used for another redemption' }]);
    }
    return { ...r, created: false };
  };
  const earlier = await replay();
  if (earlier) return earlier;
  const claim = await claimOf(ctx, input.claimId, input.memberId);
  if (claim.status !== 'claimed') throw alreadyUsed();
  checkUsable(claim, input.subtotalCents, now);
  const discountCents = discountFor(claim, input.subtotalCents);
  const marked = await one(ctx.db, sql`
    update coupon_claims set status = 'used', used_order_id = ${input.orderId}, used_at = ${now.toISOString()}::timestamptz
    where workspace_id = ${ctx.workspaceId} and id = ${input.claimId} and status = 'claimed' returning id`);
  if (!marked) {
    // Another order took it first, or this very request did meanwhile (a retry with the same key).
    const raced = await replay();
    if (raced) return raced;
    throw alreadyUsed();
  }
  const row = await one<{ id: string }>(ctx.db, sql`
    insert into coupon_redemptions (workspace_id, claim_id, order_id, subtotal_cents, discount_cents, idempotency_key)
    values (${ctx.workspaceId}, ${input.claimId}, ${input.orderId}, ${input.subtotalCents}, ${discountCents}, ${key})
    on conflict do nothing returning id`);
  // The claim update above rolls back with the refusal: the claim stays the member's.
  if (!row) throw new AppError('conflict', 'coupon: the order has a coupon already', [{ path: 'orderId', message: 'one coupon per order' }]);
  return { redemptionId: row.id, claimId: input.claimId, couponId: claim.couponId, orderId: input.orderId, discountCents, created: true };
}
