import { z } from 'zod';
import { pageQuerySchema } from '../../core/pagination.js';
import { REDEMPTION_STATUSES, REWARD_KINDS } from '../loyalty/rewards/contracts.js';
import { MAX_LINK_TTL_DAYS } from './member-links.js';

/** What the member pages open with: who the member is, where, and what they can spend. */
export const memberOverviewSchema = z.object({
  member: z.object({ id: z.string(), name: z.string() }),
  workspace: z.object({ name: z.string(), timeZone: z.string() }),
  balance: z.number().int().meta({ description: 'points the member can spend now' }),
});
export type MemberOverview = z.infer<typeof memberOverviewSchema>;

export const memberHistoryQuerySchema = pageQuerySchema;

/** A reward as members see it: no operator-only counts. */
export const memberRewardSchema = z.object({
  id: z.string(), name: z.string(), description: z.string(), kind: z.enum(REWARD_KINDS), costPoints: z.number().int(),
  stock: z.number().int().nullable().meta({ description: 'units left; null: unlimited' }),
  perMemberLimit: z.number().int().nullable(),
});
export type MemberReward = z.infer<typeof memberRewardSchema>;

export const memberCatalogueSchema = z.object({ items: z.array(memberRewardSchema), balance: z.number().int() });

export const memberRedeemSchema = z.strictObject({
  idempotencyKey: z.string().min(8, 'at least 8 characters').max(100, 'at most 100 characters')
    .meta({ description: 'one per confirmation: a double click or a retry with the same key redeems once' }),
});

export const memberRedemptionSchema = z.object({
  id: z.string(), rewardId: z.string(), rewardName: z.string(), costPoints: z.number().int(),
  status: z.enum(REDEMPTION_STATUSES), createdAt: z.date(), settledAt: z.date().nullable(),
});

export const memberRedeemResultSchema = z.object({
  redemption: memberRedemptionSchema,
  created: z.boolean().meta({ description: 'false: this key had redeemed already, and this is that redemption' }),
  balance: z.number().int(),
});

export const memberLinkInputSchema = z.strictObject({
  ttlDays: z.number().int('must be a whole number of days').min(1, 'must be 1 or more').max(MAX_LINK_TTL_DAYS, `must be at most ${MAX_LINK_TTL_DAYS}`).optional()
    .meta({ description: 'days the link works; default 30' }),
});

export const memberLinkSchema = z.object({
  url: z.string().meta({ description: 'the member\'s page, /m/#t=<token>; the token is in the fragment, which browsers do not send to servers' }),
  expiresAt: z.date(),
});

export const rotationSchema = z.object({
  generation: z.number().int().meta({ description: 'how many keys the workspace has had; links signed under an earlier one are refused' }),
  rotatedAt: z.date(),
});
