import { z } from 'zod';
import { pageQuerySchema } from '../../../core/pagination.js';
import { EARN_ACTIVITIES } from './award-activity-points.js';

export const earnRuleSchema = z.strictObject({
  activity: z.enum(EARN_ACTIVITIES, 'must be check_in, message, invite or order'),
  points: z.number().int('must be a whole number').min(1, 'must be 1 or more').max(100_000, 'must be at most 100000')
    .meta({ description: 'points per occurrence; for orders, per whole yuan paid' }),
  dailyCap: z.number().int('must be a whole number').min(1, 'must be 1 or more').max(1_000_000, 'must be at most 1000000').nullable()
    .meta({ description: 'most points a member earns from this activity per local day; null: no cap' }),
  enabled: z.boolean(),
});
export type EarnRule = z.infer<typeof earnRuleSchema>;

export const pointsSettingsSchema = z.strictObject({
  expiryDays: z.number().int('must be a whole number of days').min(1, 'must be 1 or more').max(3650, 'must be at most 3650').nullable()
    .meta({ description: 'earned points expire this many days after they were earned, oldest first; null: never' }),
  rules: z.array(earnRuleSchema).max(EARN_ACTIVITIES.length).superRefine((rules, ctx) => {
    const seen = new Set<string>();
    rules.forEach((r, i) => {
      if (seen.has(r.activity)) ctx.addIssue({ code: 'custom', path: [i, 'activity'], message: `${r.activity} has a rule already` });
      seen.add(r.activity);
    });
  }),
});
export type PointsSettings = z.infer<typeof pointsSettingsSchema>;

export const adjustmentSchema = z.strictObject({
  amount: z.number().int('must be a whole number').refine((n) => n !== 0, 'must not be 0').refine((n) => Math.abs(n) <= 1_000_000, 'must be within ±1000000')
    .meta({ description: 'positive adds points (a new lot), negative takes them (oldest lots first)' }),
  note: z.string().trim().min(1, 'say why: members see it in their history').max(200, 'at most 200 characters'),
  idempotencyKey: z.string().min(8, 'at least 8 characters').max(100, 'at most 100 characters'),
});

export const postingSchema = z.object({ entryId: z.string(), amount: z.number().int(), created: z.boolean(), balance: z.number().int() });

export const entrySchema = z.object({
  id: z.string(),
  amount: z.number().int(),
  kind: z.enum(['earn', 'spend', 'expire']),
  reason: z.string(),
  note: z.string().nullable(),
  balanceAfter: z.number().int(),
  createdAt: z.date(),
  /** Earned entries: what is left of their lot and when it expires. */
  remaining: z.number().int().nullable(),
  expiresAt: z.date().nullable(),
});

export const accountSchema = z.object({
  memberId: z.string(),
  name: z.string(),
  balance: z.number().int(),
  earned: z.number().int(),
  spent: z.number().int(),
  expired: z.number().int(),
  /** Points that expire within the next 30 days. */
  expiringSoon: z.number().int(),
  updatedAt: z.date(),
});

export const listAccountsSchema = pageQuerySchema.extend({
  search: z.string().trim().max(100).optional(),
});

export const pointsSummarySchema = z.object({
  accounts: z.number().int(),
  outstanding: z.number().int(),
  byReason: z.array(z.object({ kind: z.string(), reason: z.string(), points: z.number().int(), entries: z.number().int() })),
});
