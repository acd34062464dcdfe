import { z } from 'zod';
import { pageQuerySchema } from '../../../core/pagination.js';

export const COUPON_KINDS = ['fixed', 'percentage', 'threshold', 'no_threshold'] as const;
export type CouponKind = (typeof COUPON_KINDS)[number];
export const CLAIM_STATUSES = ['claimed', 'used'] as const;
/** How a claim looks to its member now: active (claimed and not past its end), used, or expired. */
export const CLAIM_STATES = ['active', 'used', 'expired'] as const;
export type ClaimState = (typeof CLAIM_STATES)[number];
export const CLAIM_SOURCES = ['member', 'operator', 'message'] as const;

const MAX_CENTS = 100_000_000;
const cents = (what: string) => z.number().int('must be a whole number of cents').min(1, 'must be 1 or more').max(MAX_CENTS, `must be at most ${MAX_CENTS}`)
  .meta({ description: what });
const instant = z.iso.datetime({ offset: true, message: 'must be a date and time such as 2026-12-01T00:00:00+08:00' });

/**
 * A coupon template. The fields that apply depend on the kind: an amount off for fixed, threshold and
 * no_threshold; a percentage (and an optional cap) for percentage; a minimum spend that threshold needs,
 * fixed and percentage may have and no_threshold must not. Validity is either an absolute window
 * (validFrom and validUntil) or validDays from each claim.
 */
export const couponInputSchema = z.strictObject({
  name: z.string().trim().min(1, 'must not be empty').max(100, 'at most 100 characters'),
  description: z.string().trim().max(500, 'at most 500 characters').default(''),
  kind: z.enum(COUPON_KINDS, 'must be fixed, percentage, threshold or no_threshold'),
  amountOffCents: cents('cents taken off (fixed, threshold, no_threshold)').nullable().default(null),
  percentOff: z.number().int('must be a whole number').min(1, 'must be 1 to 99').max(99, 'must be 1 to 99').nullable().default(null)
    .meta({ description: 'percent taken off (percentage)' }),
  maxDiscountCents: cents('the most a percentage coupon takes off; null: no cap').nullable().default(null),
  minSpendCents: z.number().int('must be a whole number of cents').min(0, 'must be 0 or more').max(MAX_CENTS, `must be at most ${MAX_CENTS}`).default(0)
    .meta({ description: 'the subtotal an order needs for the coupon to apply (threshold: required)' }),
  validFrom: instant.nullable().default(null),
  validUntil: instant.nullable().default(null),
  validDays: z.number().int('must be a whole number of days').min(1, 'must be 1 or more').max(3650, 'must be at most 3650').nullable().default(null)
    .meta({ description: 'each claim is valid this many days from the moment it is claimed (instead of validFrom/validUntil)' }),
  totalLimit: z.number().int('must be a whole number').min(0, 'must be 0 or more').max(10_000_000, 'must be at most 10000000').nullable()
    .meta({ description: 'units that may be claimed in all; null: unlimited' }),
  perMemberLimit: z.number().int('must be a whole number').min(1, 'must be 1 or more').max(1000, 'must be at most 1000').nullable()
    .meta({ description: 'claims per member; null: no limit' }),
  enabled: z.boolean().default(true),
  returnOnCancel: z.boolean().default(true)
    .meta({ description: 'an order cancelled before payment gives the coupon back if it is still valid' }),
}).superRefine((c, ctx) => {
  const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
  if (c.kind === 'percentage') {
    if (c.percentOff === null) issue('percentOff', 'a percentage coupon needs the percent off');
    if (c.amountOffCents !== null) issue('amountOffCents', 'a percentage coupon takes a percent off, not an amount');
  } else {
    if (c.amountOffCents === null) issue('amountOffCents', 'needs the amount off');
    if (c.percentOff !== null) issue('percentOff', 'only a percentage coupon has a percent off');
    if (c.maxDiscountCents !== null) issue('maxDiscountCents', 'only a percentage coupon has a cap');
  }
  if (c.kind === 'threshold') {
    if (c.minSpendCents < 1) issue('minSpendCents', 'a threshold coupon needs the spend it applies from');
    else if (c.amountOffCents !== null && c.amountOffCents > c.minSpendCents) issue('amountOffCents', 'must not be more than the minimum spend');
  }
  if (c.kind === 'no_threshold' && c.minSpendCents !== 0) issue('minSpendCents', 'a no-threshold coupon has no minimum spend');
  if (c.validDays !== null) {
    if (c.validFrom !== null) issue('validFrom', 'give either a window or a number of days, not both');
    if (c.validUntil !== null) issue('validUntil', 'give either a window or a number of days, not both');
  } else {
    if (c.validFrom === null) issue('validFrom', 'needs a start, or give validDays');
    if (c.validUntil === null) issue('validUntil', 'needs an end, or give validDays');
    if (c.validFrom !== null && c.validUntil !== null && Date.parse(c.validUntil) <= Date.parse(c.validFrom)) issue('validUntil', 'must be after the start');
  }
});
export type CouponInput = z.output<typeof couponInputSchema>;

export const couponSchema = z.object({
  id: z.string(), name: z.string(), description: z.string(), kind: z.enum(COUPON_KINDS),
  amountOffCents: z.number().int().nullable(), percentOff: z.number().int().nullable(), maxDiscountCents: z.number().int().nullable(),
  minSpendCents: z.number().int(), validFrom: z.date().nullable(), validUntil: z.date().nullable(), validDays: z.number().int().nullable(),
  totalLimit: z.number().int().nullable(), perMemberLimit: z.number().int().nullable(), enabled: z.boolean(), returnOnCancel: z.boolean(),
  claimed: z.number().int().meta({ description: 'units claimed so far' }),
  used: z.number().int().meta({ description: 'claims spent on an order now' }),
  left: z.number().int().nullable().meta({ description: 'units that may still be claimed; null: unlimited' }),
  createdAt: z.date(), updatedAt: z.date(),
});

export const listCouponsSchema = pageQuerySchema.extend({
  enabled: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
});

export const claimInputSchema = z.strictObject({
  memberId: z.uuid('must be a member id'),
  idempotencyKey: z.string().min(8, 'at least 8 characters').max(100, 'at most 100 characters')
    .meta({ description: 'one per grant: a retry with the same key claims once' }),
});

/** The terms a claim carries, for showing it (the template's current terms). */
const termsShape = {
  kind: z.enum(COUPON_KINDS), amountOffCents: z.number().int().nullable(), percentOff: z.number().int().nullable(),
  maxDiscountCents: z.number().int().nullable(), minSpendCents: z.number().int(),
};

export const claimSchema = z.object({
  id: z.string(), couponId: z.string(), couponName: z.string(), memberId: z.string(), memberName: z.string(), code: z.string(),
  status: z.enum(CLAIM_STATUSES), state: z.enum(CLAIM_STATES), validFrom: z.date(), validUntil: z.date(), source: z.enum(CLAIM_SOURCES),
  orderId: z.string().nullable(), usedAt: z.date().nullable(), createdAt: z.date(), ...termsShape,
  created: z.boolean().optional().meta({ description: 'false: this key had claimed already, and this is that claim' }),
});

export const listClaimsSchema = pageQuerySchema.extend({ state: z.enum(CLAIM_STATES).optional() });
export const memberClaimsQuerySchema = listClaimsSchema.extend({
  memberId: z.uuid('must be a member id').optional().meta({ description: 'one member\'s claims' }),
  couponId: z.uuid('must be a coupon id').optional(),
});

/** A claim as its member sees it on their pages: no operator-only fields. */
export const memberClaimSchema = z.object({
  id: z.string(), couponName: z.string(), code: z.string(), state: z.enum(CLAIM_STATES), validFrom: z.date(), validUntil: z.date(),
  usedAt: z.date().nullable(), createdAt: z.date(), ...termsShape,
});
