import { z } from 'zod';
import { pageQuerySchema } from '../../../core/pagination.js';

export const LEADER_STATUSES = ['active', 'suspended'] as const;
export type LeaderStatus = (typeof LEADER_STATUSES)[number];

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `at most ${max} characters`);

/** Mainland mobile (1 and ten digits) or a landline with its area code (010-12345678, 0755 1234567), optionally an extension. */
export const PHONE = /^(?:\+?86[- ]?)?(?:1[3-9]\d{9}|0\d{2,3}[- ]?\d{7,8}(?:[- ]?\d{1,6})?)$/;

/** Where the leader's community picks its orders up, and what the leader earns on them. */
export const leaderTermsSchema = z.strictObject({
  commissionBps: z.number().int('must be a whole number of basis points').min(0, 'must be 0 or more').max(3000, 'must be at most 3000 (30 %)')
    .meta({ description: 'leader commission in basis points of the paid amount: 1000 = 10 %' }),
  pickupName: text(60).meta({ description: 'the pickup point (自提点), as members see it' }),
  pickupAddress: text(200),
  pickupPhone: z.string().trim().regex(PHONE, 'must be a phone number such as 13800138000 or 010-12345678'),
  pickupHours: z.string().trim().max(100, 'at most 100 characters').default('').meta({ description: 'opening hours, free text (每天 9:00-21:00)' }),
  note: z.string().trim().max(500, 'at most 500 characters').default(''),
});
export type LeaderTerms = z.output<typeof leaderTermsSchema>;

export const appointSchema = leaderTermsSchema.extend({
  memberId: z.uuid('must be a member id'),
  communityId: z.uuid('must be a community id'),
});
export type AppointInput = z.output<typeof appointSchema>;

export const leaderSchema = z.object({
  id: z.string(), memberId: z.string(), memberName: z.string().nullable(), communityId: z.string(), communityName: z.string(),
  status: z.enum(LEADER_STATUSES), commissionBps: z.number().int(),
  pickupName: z.string(), pickupAddress: z.string(), pickupPhone: z.string(), pickupHours: z.string(), note: z.string(),
  frozenCents: z.number().int(), availableCents: z.number().int(), reversedCents: z.number().int(),
  orders: z.number().int().meta({ description: 'orders collected' }), toHandOver: z.number().int().meta({ description: 'collected orders not handed over yet and not refunded in full' }),
  appointedAt: z.date(), suspendedAt: z.date().nullable(), updatedAt: z.date(),
});

export const listLeadersSchema = pageQuerySchema.extend({
  status: z.enum(LEADER_STATUSES, 'must be active or suspended').optional(),
  communityId: z.uuid('must be a community id').optional(),
});

export const PICKUP_FILTERS = ['waiting', 'handed_over', 'all'] as const;
export const listLeaderOrdersSchema = pageQuerySchema.extend({
  pickup: z.enum(PICKUP_FILTERS, 'must be waiting, handed_over or all').default('all'),
});

export const leaderOrderSchema = z.object({
  orderId: z.string(), leaderId: z.string(), buyerMemberId: z.string(), buyerName: z.string().nullable(), orderStatus: z.string(),
  paidCents: z.number().int(), refundedCents: z.number().int(), commissionBps: z.number().int(), commissionCents: z.number().int(), reversedCents: z.number().int(),
  pickupName: z.string(), pickupAddress: z.string(), pickupPhone: z.string(), pickupHours: z.string(),
  lines: z.array(z.object({ productName: z.string(), skuName: z.string(), quantity: z.number().int() })),
  paidAt: z.date(), handedOverAt: z.date().nullable(), handedOverBy: z.string().nullable(),
});

export const handOverSchema = z.strictObject({ note: z.string().trim().max(200, 'at most 200 characters').optional() });
