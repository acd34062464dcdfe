import { z } from 'zod';
import { pageQuerySchema } from '../../../core/pagination.js';
import { SEGMENTS } from '../../analytics/segments.js';

export const DRAW_STATUSES = ['draft', 'open', 'closed'] as const;
export type DrawStatus = (typeof DRAW_STATUSES)[number];
export const DRAW_UNITS = ['draw', 'day'] as const;
export type DrawUnit = (typeof DRAW_UNITS)[number];
export const PRIZE_KINDS = ['points', 'reward', 'physical', 'thanks'] as const;
export type PrizeKind = (typeof PRIZE_KINDS)[number];
export const MAX_PRIZES = 20;
/** Keeps every total weight far below 2^52, where the roll's rejection sampling almost never rejects. */
export const MAX_WEIGHT = 1_000_000;
export const INELIGIBLE_REASONS = ['not_open', 'not_started', 'ended', 'unit_used', 'check_in_days', 'segment', 'points', 'no_prizes'] as const;
export type IneligibleReason = (typeof INELIGIBLE_REASONS)[number];

const whole = (min: number, max: number) => z.number().int('must be a whole number').min(min, `must be ${min} or more`).max(max, `must be at most ${max}`);

export const prizeInputSchema = z.strictObject({
  name: z.string().trim().min(1, 'must not be empty').max(100, 'at most 100 characters'),
  kind: z.enum(PRIZE_KINDS, 'must be points, reward, physical or thanks'),
  points: whole(1, 1_000_000).nullable().default(null).meta({ description: 'kind points: the points won' }),
  rewardId: z.uuid('must be a reward id').nullable().default(null).meta({ description: 'kind reward: the catalogue reward won' }),
  weight: whole(1, MAX_WEIGHT).meta({ description: 'chance in proportion to the weights of the prizes still in stock' }),
  stock: whole(0, 1_000_000).nullable().default(null)
    .meta({ description: 'units to hand out; null: unlimited (points and thanks only; thanks is always unlimited)' }),
}).superRefine((p, ctx) => {
  if (p.kind === 'points' && p.points === null) ctx.addIssue({ code: 'custom', path: ['points'], message: 'a points prize needs its amount' });
  if (p.kind !== 'points' && p.points !== null) ctx.addIssue({ code: 'custom', path: ['points'], message: 'only a points prize has an amount' });
  if (p.kind === 'reward' && p.rewardId === null) ctx.addIssue({ code: 'custom', path: ['rewardId'], message: 'a reward prize names its reward' });
  if (p.kind !== 'reward' && p.rewardId !== null) ctx.addIssue({ code: 'custom', path: ['rewardId'], message: 'only a reward prize names a reward' });
  if (p.kind === 'thanks' && p.stock !== null) ctx.addIssue({ code: 'custom', path: ['stock'], message: '"thanks for playing" has no stock' });
  if ((p.kind === 'reward' || p.kind === 'physical') && p.stock === null) ctx.addIssue({ code: 'custom', path: ['stock'], message: `a ${p.kind} prize needs its stock` });
});
export type PrizeInput = z.output<typeof prizeInputSchema>;

export const drawInputSchema = z.strictObject({
  name: z.string().trim().min(1, 'must not be empty').max(100, 'at most 100 characters'),
  description: z.string().trim().max(500, 'at most 500 characters').default(''),
  startsAt: z.coerce.date('must be a date and time'),
  endsAt: z.coerce.date('must be a date and time'),
  unit: z.enum(DRAW_UNITS, 'must be draw or day')
    .meta({ description: 'draw: once per member per draw; day: once per member per local day (workspace time zone)' }),
  pointsCost: whole(0, 1_000_000).default(0).meta({ description: 'points each draw costs; 0: free' }),
  minCheckInDays: whole(0, 366).default(0).meta({ description: 'days checked in from the window\'s first local day up to today' }),
  segment: z.enum(SEGMENTS, 'must be a segment name, e.g. lifecycle:active').nullable().default(null)
    .meta({ description: 'only members in this analytics segment now; null: every member' }),
  prizes: z.array(prizeInputSchema).min(1, 'add at least one prize').max(MAX_PRIZES, `at most ${MAX_PRIZES} prizes`),
}).superRefine((d, ctx) => {
  if (d.endsAt.getTime() <= d.startsAt.getTime()) ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'must be after startsAt' });
});
export type DrawInput = z.output<typeof drawInputSchema>;

export const prizeSchema = z.object({
  id: z.string(), position: z.number().int(), name: z.string(), kind: z.enum(PRIZE_KINDS), points: z.number().int().nullable(),
  rewardId: z.string().nullable(), weight: z.number().int(), stock: z.number().int().nullable(), initialStock: z.number().int().nullable(),
  awarded: z.number().int().meta({ description: 'entries that won it' }),
});

export const drawSchema = z.object({
  id: z.string(), name: z.string(), description: z.string(), status: z.enum(DRAW_STATUSES), startsAt: z.date(), endsAt: z.date(),
  unit: z.enum(DRAW_UNITS), pointsCost: z.number().int(), minCheckInDays: z.number().int(), segment: z.string().nullable(),
  commitment: z.string().nullable().meta({ description: 'SHA-256 of the secret seed, published when the draw opens' }),
  seed: z.string().nullable().meta({ description: 'the seed, revealed once the draw is closed; null before' }),
  openedAt: z.date().nullable(), closedAt: z.date().nullable(), createdAt: z.date(), updatedAt: z.date(),
  entries: z.number().int(), prizes: z.array(prizeSchema),
});

export const attemptSchema = z.object({
  prizes: z.array(z.object({ id: z.string(), name: z.string(), kind: z.string(), weight: z.number().int() })),
  total: z.number().int(), roll: z.number().int(), prizeId: z.string(), taken: z.boolean(),
});

export const entrySchema = z.object({
  id: z.string(), drawId: z.string(), memberId: z.string(), memberName: z.string(), unitKey: z.string(), roll: z.number().int(),
  prizeId: z.string(), prizeName: z.string(), prizeKind: z.enum(PRIZE_KINDS),
  snapshot: z.array(attemptSchema).meta({ description: 'every pick with the prizes and weights available at its moment' }),
  pointsCost: z.number().int(), spendEntryId: z.string().nullable(), prizeEntryId: z.string().nullable(),
  awardId: z.string().nullable(), awardStatus: z.enum(['pending', 'fulfilled']).nullable(), createdAt: z.date(),
});

export const drawResultSchema = entrySchema.extend({
  created: z.boolean().meta({ description: 'false: the idempotency key was used already, and this is that draw' }),
});

export const drawForMemberSchema = z.strictObject({
  memberId: z.uuid('must be a member id'),
  idempotencyKey: z.string().min(8, 'at least 8 characters').max(100, 'at most 100 characters')
    .meta({ description: 'the same key draws once, so a retried click answers the first result' }),
});

export const listDrawsSchema = pageQuerySchema.extend({ status: z.enum(DRAW_STATUSES).optional() });
export const listEntriesSchema = pageQuerySchema.extend({ memberId: z.uuid('must be a member id').optional() });
export const verificationQuerySchema = z.object({ memberId: z.uuid('must be a member id').optional() });

export const verificationSchema = z.object({
  drawId: z.string(), name: z.string(), status: z.enum(DRAW_STATUSES), commitment: z.string().nullable(), seed: z.string().nullable(),
  closedAt: z.date().nullable(), algorithm: z.string(), entries: z.array(entrySchema.pick({ id: true, drawId: true, memberId: true, unitKey: true, roll: true, prizeId: true, prizeName: true, snapshot: true, createdAt: true })
    .extend({ valid: z.boolean().nullable().meta({ description: 'recomputed from the seed; null before the seed is revealed' }) })),
});

export const awardSchema = z.object({ id: z.string(), entryId: z.string(), status: z.enum(['pending', 'fulfilled']), fulfilledAt: z.date().nullable() });
