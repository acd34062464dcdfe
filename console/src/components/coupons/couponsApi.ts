// Typed calls for /api/v1/coupons and /coupon-claims (docs/api.md "Coupons").
import { apiRequest, type Page, type PageQuery } from '../../api.js';
import type { Translate } from '../../i18n/index.js';

export type CouponKind = 'fixed' | 'percentage' | 'threshold' | 'no_threshold';
export const COUPON_KINDS: CouponKind[] = ['no_threshold', 'threshold', 'fixed', 'percentage'];
export type ClaimState = 'active' | 'used' | 'expired';
export const CLAIM_STATES: ClaimState[] = ['active', 'used', 'expired'];

export interface CouponInput {
  name: string; description: string; kind: CouponKind;
  amountOffCents: number | null; percentOff: number | null; maxDiscountCents: number | null; minSpendCents: number;
  validFrom: string | null; validUntil: string | null; validDays: number | null;
  totalLimit: number | null; perMemberLimit: number | null; enabled: boolean; returnOnCancel: boolean;
}
export interface Coupon extends CouponInput { id: string; claimed: number; used: number; left: number | null; createdAt: string; updatedAt: string }
export interface CouponClaim {
  id: string; couponId: string; couponName: string; memberId: string; memberName: string; code: string;
  status: 'claimed' | 'used'; state: ClaimState; validFrom: string; validUntil: string; source: 'member' | 'operator' | 'message';
  orderId: string | null; usedAt: string | null; createdAt: string; created?: boolean;
}

const enc = encodeURIComponent;
export const couponsApi = {
  list: (q: PageQuery) => apiRequest<Page<Coupon>>('GET', '/coupons', undefined, q),
  create: (body: CouponInput) => apiRequest<Coupon>('POST', '/coupons', body),
  update: (id: string, body: CouponInput) => apiRequest<Coupon>('PUT', `/coupons/${enc(id)}`, body),
  remove: (id: string) => apiRequest<{ ok: boolean }>('DELETE', `/coupons/${enc(id)}`),
  grant: (id: string, body: { memberId: string; idempotencyKey: string }) => apiRequest<CouponClaim>('POST', `/coupons/${enc(id)}/claims`, body),
  claims: (id: string, q: PageQuery & { state?: ClaimState }) => apiRequest<Page<CouponClaim>>('GET', `/coupons/${enc(id)}/claims`, undefined, q),
};

/** Cents as yuan for showing: 1990 → "19.90". */
export const yuan = (cents: number) => (cents / 100).toFixed(2);

/** A coupon's terms in a few words, e.g. 满 100.00 减 20.00 / 8 折... in the console's language. */
export function termsText(c: Pick<Coupon, 'kind' | 'amountOffCents' | 'percentOff' | 'maxDiscountCents' | 'minSpendCents'>, t: Translate): string {
  const min = c.minSpendCents > 0 ? t('coupons.terms.min', { min: yuan(c.minSpendCents) }) : '';
  if (c.kind === 'percentage') {
    const cap = c.maxDiscountCents !== null ? t('coupons.terms.cap', { cap: yuan(c.maxDiscountCents) }) : '';
    return `${min}${t('coupons.terms.percent', { n: c.percentOff ?? 0 })}${cap}`;
  }
  return `${min}${t('coupons.terms.amount', { amount: yuan(c.amountOffCents ?? 0) })}`;
}
