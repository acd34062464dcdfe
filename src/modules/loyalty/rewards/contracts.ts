import { z } from 'zod';
import { pageQuerySchema } from '../../../core/pagination.js';

export const REWARD_KINDS = ['physical', 'virtual', 'coupon'] as const;
export const REDEMPTION_STATUSES = ['pending', 'fulfilled', 'cancelled'] as const;

export const rewardInputSchema = z.strictObject({
  name: z.string().trim().min(1, 'must not be empty').max(100, 'at most 100 characters'),
  description: z.string().trim().max(500, 'at most 500 characters').default(''),
  kind: z.enum(REWARD_KINDS, 'must be physical, virtual or coupon'),
  costPoints: z.number().int('must be a whole number').min(1, 'must be 1 or more').max(10_000_000, 'must be at most 10000000'),
  stock: z.number().int('must be a whole number').min(0, 'must be 0 or more').max(1_000_000, 'must be at most 1000000').nullable()
    .meta({ description: 'units left to redeem; null: unlimited' }),
  perMemberLimit: z.number().int('must be a whole number').min(1, 'must be 1 or more').max(1000, 'must be at most 1000').nullable()
    .meta({ description: 'redemptions per member (cancelled ones do not count); null: no limit' }),
  enabled: z.boolean().default(true),
});
export type RewardInput = z.output<typeof rewardInputSchema>;

export const rewardSchema = z.object({
  id: z.string(), name: z.string(), description: z.string(), kind: z.enum(REWARD_KINDS), costPoints: z.number().int(),
  stock: z.number().int().nullable(), perMemberLimit: z.number().int().nullable(), enabled: z.boolean(),
  redeemed: z.number().int().meta({ description: 'redemptions not cancelled' }), createdAt: z.date(), updatedAt: z.date(),
});

export const redeemSchema = z.strictObject({
  memberId: z.uuid('must be a member id'),
  idempotencyKey: z.string().min(8, 'at least 8 characters').max(100, 'at most 100 characters'),
});

export const redemptionSchema = z.object({
  id: z.string(), rewardId: z.string(), rewardName: z.string(), memberId: z.string(), memberName: z.string(),
  costPoints: z.number().int(), status: z.enum(REDEMPTION_STATUSES), createdAt: z.date(), settledAt: z.date().nullable(),
  created: z.boolean().optional(),
});

export const listRedemptionsSchema = pageQuerySchema.extend({
  status: z.enum(REDEMPTION_STATUSES).optional(),
  rewardId: z.uuid().optional(),
  memberId: z.uuid().optional().meta({ description: 'one member\'s redemptions (the member pages list their own with it)' }),
});
