import { z } from 'zod';
import { DRAW_STATUSES, DRAW_UNITS, INELIGIBLE_REASONS, PRIZE_KINDS } from '../growth/draws/contracts.js';
import { REWARD_KINDS as FISSION_REWARD_KINDS, REWARD_STATUSES as FISSION_REWARD_STATUSES } from '../growth/fission/contracts.js';

/** A member's key, namespaced by their id before it reaches the draws module: 39 + 60 fits its 100. */
export const memberKeySchema = z.strictObject({
  idempotencyKey: z.string().min(8, 'at least 8 characters').max(60, 'at most 60 characters')
    .meta({ description: 'one per tap: a double tap or a retry with the same key draws once' }),
});

export const memberDrawSchema = z.object({
  id: z.string(), name: z.string(), description: z.string(), startsAt: z.date(), endsAt: z.date(), unit: z.enum(DRAW_UNITS),
  pointsCost: z.number().int(), minCheckInDays: z.number().int(),
  commitment: z.string().nullable().meta({ description: 'SHA-256 of the secret seed, published when the draw opened' }),
  prizes: z.array(z.object({ id: z.string(), name: z.string(), kind: z.enum(PRIZE_KINDS), points: z.number().int().nullable(), stock: z.number().int().nullable() })),
  eligibility: z.object({
    eligible: z.boolean(), reason: z.enum(INELIGIBLE_REASONS).nullable(),
    remainingUnits: z.number().int(), checkInDays: z.number().int(), balance: z.number().int(),
  }),
});

export const memberDrawEntrySchema = z.object({
  id: z.string(), drawId: z.string(), unitKey: z.string(), roll: z.number().int(), prizeId: z.string(), prizeName: z.string(),
  prizeKind: z.enum(PRIZE_KINDS), pointsCost: z.number().int(), awardStatus: z.enum(['pending', 'fulfilled']).nullable(), createdAt: z.date(),
});

export const memberDrawsSchema = z.object({ draws: z.array(memberDrawSchema), entries: z.array(memberDrawEntrySchema) });

export const memberDrawResultSchema = memberDrawEntrySchema.extend({ created: z.boolean(), balance: z.number().int() });

export const memberVerificationSchema = z.object({
  drawId: z.string(), name: z.string(), status: z.enum(DRAW_STATUSES), commitment: z.string().nullable(),
  seed: z.string().nullable().meta({ description: 'revealed once the draw is closed' }), closedAt: z.date().nullable(), algorithm: z.string(),
  entries: z.array(z.object({ id: z.string(), unitKey: z.string(), roll: z.number().int(), prizeName: z.string(), createdAt: z.date(), valid: z.boolean().nullable() })),
});

export const memberCampaignViewSchema = z.object({
  campaignId: z.string(), name: z.string(), endsAt: z.date().nullable(), goal: z.number().int(), holdHours: z.number().int(),
  joined: z.boolean(), qualified: z.number().int(), pending: z.number().int(), completed: z.boolean(),
  rewardKind: z.enum(FISSION_REWARD_KINDS), rewardPoints: z.number().int().nullable(), rewardName: z.string().nullable(),
});

export const memberParticipantSchema = z.object({
  joinedAt: z.date(), qualified: z.number().int(), pending: z.number().int(), goal: z.number().int(),
  completedAt: z.date().nullable(), rewardStatus: z.enum(FISSION_REWARD_STATUSES),
});

export const posterQuerySchema = z.object({
  as: z.enum(['view', 'share'], 'must be view or share').default('view')
    .meta({ description: 'share: the member is saving it to pass on (counted as a share in the campaign funnel)' }),
});
