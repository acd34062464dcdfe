import { AppError } from '../../../core/errors.js';
import type { CouponKind } from './contracts.js';

export interface CouponTerms {
  kind: CouponKind; amountOffCents: number | null; percentOff: number | null; maxDiscountCents: number | null; minSpendCents: number;
}

/**
 * What a coupon takes off a subtotal that meets its minimum: an amount, or a percentage rounded down to
 * the cent (the member never gets a fraction of a cent more) and held under its cap; never more than the
 * subtotal, so an order never goes below zero.
 */
export function discountFor(terms: CouponTerms, subtotalCents: number): number {
  const raw = terms.kind === 'percentage'
    ? Math.floor((subtotalCents * terms.percentOff!) / 100)
    : terms.amountOffCents!;
  const capped = terms.maxDiscountCents !== null ? Math.min(raw, terms.maxDiscountCents) : raw;
  return Math.max(0, Math.min(capped, subtotalCents));
}

/**
 * Refuses a claim that cannot be used on this order at this moment, naming the field that stops it:
 * validFrom (not started), validUntil (over), subtotalCents (under the minimum spend).
 */
export function checkUsable(claim: CouponTerms & { validFrom: Date; validUntil: Date }, subtotalCents: number, now: Date): void {
  if (now.getTime() < claim.validFrom.getTime()) {
    throw new AppError('conflict', 'coupon: not valid yet', [{ path: 'validFrom', message: `valid from ${claim.validFrom.toISOString()}` }]);
  }
  if (now.getTime() >= claim.validUntil.getTime()) {
    throw new AppError('conflict', 'coupon: expired', [{ path: 'validUntil', message: `expired at ${claim.validUntil.toISOString()}` }]);
  }
  if (subtotalCents < claim.minSpendCents) {
    throw new AppError('conflict', 'coupon: the order is under its minimum spend', [{ path: 'subtotalCents', message: `needs a subtotal of at least ${claim.minSpendCents} cents` }]);
  }
}
