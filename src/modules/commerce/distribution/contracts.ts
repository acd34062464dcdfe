import { z } from 'zod';
import { pageQuerySchema } from '../../../core/pagination.js';

const bps = z.number().int('must be a whole number of basis points').min(0, 'must be 0 or more').max(5000, 'must be at most 5000 (50 %)');

export const BINDING_RULES = ['first_touch', 'latest_touch'] as const;

export const distributionSettingsSchema = z.strictObject({
  tier1Bps: bps.meta({ description: 'commission of the bound distributor, in basis points of the paid amount (1000 = 10 %)' }),
  tier2Bps: bps.meta({ description: 'commission of the bound distributor\'s upline; there is no third tier' }),
  bindingRule: z.enum(BINDING_RULES, 'must be first_touch or latest_touch')
    .meta({ description: 'first_touch: the first code holds until it expires; latest_touch: the latest code wins' }),
  bindingDays: z.number().int('must be a whole number of days').min(1, 'must be 1 or more').max(3650, 'must be at most 3650')
    .meta({ description: 'first_touch: days a binding holds before another code can take the customer' }),
  refundWindowDays: z.number().int('must be a whole number of days').min(0, 'must be 0 or more').max(365, 'must be at most 365')
    .meta({ description: 'commission stays frozen this many days after payment, then becomes available' }),
  minWithdrawalCents: z.number().int('must be whole cents').min(1, 'must be 1 or more').max(100_000_000, 'must be at most 100000000'),
  landingUrl: z.url('must be an http(s) address').max(500, 'at most 500 characters').nullable()
    .meta({ description: 'where referral links land, with ?ref=CODE added; null: codes only' }),
}).refine((s) => s.tier1Bps + s.tier2Bps <= 5000, { message: 'both tiers together must be at most 5000 (50 %)', path: ['tier2Bps'] });
export type DistributionSettings = z.infer<typeof distributionSettingsSchema>;

export const DISTRIBUTOR_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type DistributorStatus = (typeof DISTRIBUTOR_STATUSES)[number];

export const distributorSchema = z.object({
  id: z.string(),
  memberId: z.string(),
  name: z.string(),
  status: z.enum(DISTRIBUTOR_STATUSES),
  code: z.string().nullable(),
  link: z.string().nullable(),
  uplineId: z.string().nullable(),
  uplineName: z.string().nullable(),
  reason: z.string().nullable(),
  note: z.string().nullable(),
  appliedAt: z.date(),
  decidedAt: z.date().nullable(),
  frozenCents: z.number().int(),
  availableCents: z.number().int(),
  withdrawingCents: z.number().int(),
  withdrawnCents: z.number().int(),
  owedCents: z.number().int(),
  customers: z.number().int(),
  downline: z.number().int(),
});
export type Distributor = z.infer<typeof distributorSchema>;

export const listDistributorsSchema = pageQuerySchema.extend({
  status: z.enum(DISTRIBUTOR_STATUSES).optional(),
  search: z.string().trim().max(100).optional(),
});

export const applySchema = z.strictObject({
  memberId: z.uuid('must be a member id'),
  uplineCode: z.string().trim().min(1).max(32).optional().meta({ description: 'code of the distributor who recruited this member' }),
  note: z.string().trim().max(500, 'at most 500 characters').optional(),
});

export const rejectSchema = z.strictObject({
  reason: z.string().trim().min(1, 'say why: the applicant is told').max(500, 'at most 500 characters'),
});

export const bindSchema = z.strictObject({
  customerMemberId: z.uuid('must be a member id'),
  code: z.string().trim().min(1).max(32),
});

export const bindResultSchema = z.object({
  outcome: z.enum(['bound', 'kept', 'refused']),
  reason: z.enum(['unknown_code', 'self', 'downline', 'binding_active', 'older_touch']).nullable(),
  distributorId: z.string().nullable(),
});
export type BindResult = z.infer<typeof bindResultSchema>;

export const customerSchema = z.object({
  memberId: z.string(),
  name: z.string(),
  code: z.string(),
  boundAt: z.date(),
  expiresAt: z.date().nullable(),
  orders: z.number().int(),
  paidCents: z.number().int(),
});

export const COMMISSION_STATUSES = ['frozen', 'available'] as const;
export const commissionSchema = z.object({
  id: z.string(),
  distributorId: z.string(),
  distributorName: z.string(),
  orderId: z.string(),
  tier: z.number().int(),
  kind: z.enum(['commission', 'reversal']),
  amountCents: z.number().int(),
  baseCents: z.number().int(),
  rateBps: z.number().int(),
  status: z.enum(COMMISSION_STATUSES),
  releaseAt: z.date(),
  releasedAt: z.date().nullable(),
  reversedCents: z.number().int(),
  createdAt: z.date(),
});

export const listCommissionsSchema = pageQuerySchema.extend({
  distributorId: z.uuid('must be a distributor id').optional(),
  status: z.enum(COMMISSION_STATUSES).optional(),
  kind: z.enum(['commission', 'reversal']).optional(),
  orderId: z.string().trim().min(1).max(200).optional(),
});

export const WITHDRAWAL_STATUSES = ['requested', 'paid', 'rejected'] as const;
export const withdrawalSchema = z.object({
  id: z.string(),
  distributorId: z.string(),
  distributorName: z.string(),
  amountCents: z.number().int(),
  status: z.enum(WITHDRAWAL_STATUSES),
  reason: z.string().nullable(),
  requestedAt: z.date(),
  decidedAt: z.date().nullable(),
});
export type Withdrawal = z.infer<typeof withdrawalSchema>;

export const listWithdrawalsSchema = pageQuerySchema.extend({
  status: z.enum(WITHDRAWAL_STATUSES).optional(),
  distributorId: z.uuid('must be a distributor id').optional(),
});

export const withdrawSchema = z.strictObject({
  amountCents: z.number().int('must be whole cents').min(1, 'must be 1 or more'),
  idempotencyKey: z.string().min(8, 'at least 8 characters').max(100, 'at most 100 characters'),
});
