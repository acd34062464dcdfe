import { z } from 'zod';
import { pageQuerySchema } from '../../../core/pagination.js';
import { isoDay, isoMonth } from '../check-in/contracts.js';
import { daysBetween } from '../check-in/days.js';

export const METRICS = ['points_earned', 'check_in_days', 'messages', 'engagement'] as const;
export type Metric = (typeof METRICS)[number];
export const MAX_TOP_N = 100;
export const MAX_PERIOD_DAYS = 366;
export const MAX_SCOPE_COMMUNITIES = 500;
/** What an announcement may say besides its own words. */
export const ANNOUNCEMENT_VARIABLES = ['ranking', 'period', 'leaderboard.name'] as const;
const VARIABLE = /\{\{\s*([^{}]*?)\s*\}\}/g;

export const periodSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('monthly') }),
  z.strictObject({
    kind: z.literal('custom'),
    from: isoDay.meta({ description: 'first local day' }),
    to: isoDay.meta({ description: 'last local day, included' }),
  }),
], 'must be {kind: "monthly"} or {kind: "custom", from, to}').superRefine((p, ctx) => {
  if (p.kind !== 'custom') return;
  if (p.to < p.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
  else if (daysBetween(p.from, p.to) + 1 > MAX_PERIOD_DAYS) ctx.addIssue({ code: 'custom', path: ['to'], message: `a period is at most ${MAX_PERIOD_DAYS} days` });
}).meta({ description: 'monthly: every calendar month of the workspace time zone, settled when it ends; custom: one period, settled when its last day ends' });
export type PeriodInput = z.infer<typeof periodSchema>;

export const scopeSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('all') }),
  z.strictObject({
    kind: z.literal('communities'),
    communityIds: z.array(z.uuid('must be a community id')).min(1, 'pick at least one community').max(MAX_SCOPE_COMMUNITIES, `at most ${MAX_SCOPE_COMMUNITIES} communities`),
  }),
], 'must be {kind: "all"} or {kind: "communities", communityIds}').meta({
  description: 'messages are counted in these communities; check-in days and points belong to the member, so for them the scope decides who is ranked',
});

export const announcementSchema = z.strictObject({
  communityId: z.uuid('must be a community id').meta({ description: 'the group the ranking is announced in' }),
  text: z.string().trim().min(1, 'must not be empty').max(2000, 'at most 2000 characters')
    .meta({ description: 'the message; {{ranking}} is replaced by the ranking, {{period}} and {{leaderboard.name}} by their values' }),
}).superRefine((a, ctx) => {
  const names = [...a.text.matchAll(VARIABLE)].map((m) => m[1]!);
  const unknown = names.find((n) => !(ANNOUNCEMENT_VARIABLES as readonly string[]).includes(n));
  if (unknown !== undefined) ctx.addIssue({ code: 'custom', path: ['text'], message: `unknown variable {{${unknown}}} (use {{ranking}}, {{period}} or {{leaderboard.name}})` });
  else if (!names.includes('ranking')) ctx.addIssue({ code: 'custom', path: ['text'], message: 'must contain {{ranking}}, where the ranking goes' });
});

const points = z.number().int('must be a whole number of points').min(0, 'must be 0 or more').max(100_000, 'must be at most 100000');

export const leaderboardInputSchema = z.strictObject({
  name: z.string().trim().min(1, 'must not be empty').max(100, 'at most 100 characters'),
  metric: z.enum(METRICS, 'must be points_earned, check_in_days, messages or engagement')
    .meta({ description: 'points_earned: points earned in the period (prizes of leaderboards left out); check_in_days: days checked in; messages: substantive messages (docs/metrics.md); engagement: the engagement score at the period\'s end, rounded (docs/metrics.md)' }),
  period: periodSchema,
  scope: scopeSchema,
  topN: z.number().int('must be a whole number').min(1, 'must be 1 or more').max(MAX_TOP_N, `must be at most ${MAX_TOP_N}`).default(10),
  rewards: z.array(points).max(MAX_TOP_N, `at most ${MAX_TOP_N} ranks`).default([])
    .meta({ description: 'points per rank, rank 1 first; ranks after the list get none' }),
  announcement: announcementSchema.nullable().default(null),
  enabled: z.boolean().default(true),
}).superRefine((v, ctx) => {
  if (v.rewards.length > v.topN) ctx.addIssue({ code: 'custom', path: ['rewards'], message: `rewards ${v.rewards.length} ranks but only the top ${v.topN} are ranked` });
});
export type LeaderboardInput = z.input<typeof leaderboardInputSchema>;
export type LeaderboardValues = z.output<typeof leaderboardInputSchema>;

export const periodViewSchema = z.object({
  key: z.string().meta({ description: '"YYYY-MM" for a month, "from..to" for a custom period' }),
  from: z.string(), to: z.string(),
  closesAt: z.date().meta({ description: 'when the period ends and may be settled' }),
});
export type PeriodView = z.infer<typeof periodViewSchema>;

export const leaderboardSchema = z.object({
  id: z.string(),
  name: z.string(),
  metric: z.enum(METRICS),
  period: z.union([z.object({ kind: z.literal('monthly') }), z.object({ kind: z.literal('custom'), from: z.string(), to: z.string() })]),
  scope: z.union([
    z.object({ kind: z.literal('all') }),
    z.object({ kind: z.literal('communities'), communityIds: z.array(z.string()), communities: z.array(z.object({ id: z.string(), name: z.string() })) }),
  ]),
  topN: z.number().int(),
  rewards: z.array(z.number().int()),
  announcement: z.object({ communityId: z.string(), communityName: z.string(), text: z.string() }).nullable(),
  enabled: z.boolean(),
  currentPeriod: periodViewSchema.meta({ description: 'the period running now (a custom board: its only period)' }),
  settlements: z.number().int().meta({ description: 'periods settled so far' }),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type Leaderboard = z.infer<typeof leaderboardSchema>;

export const standingsQuerySchema = pageQuerySchema.extend({
  period: isoMonth.optional().meta({ description: 'a monthly board\'s month; default the current one (a custom board has one period)' }),
});
export const standingSchema = z.object({
  rank: z.number().int(),
  memberId: z.string(),
  name: z.string(),
  score: z.number().int(),
  reward: z.number().int().meta({ description: 'points this rank is due at settlement' }),
});
export type Standing = z.infer<typeof standingSchema>;
export const standingsSchema = z.object({
  period: periodViewSchema,
  settledAt: z.date().nullable().meta({ description: 'when this period was settled; null: not yet' }),
  items: z.array(standingSchema), total: z.number().int(), page: z.number().int(), pageSize: z.number().int(),
});

export const settlementSchema = z.object({
  id: z.string(),
  period: z.string(), from: z.string(), to: z.string(),
  metric: z.enum(METRICS),
  ranked: z.number().int().meta({ description: 'members with a score above 0 in the period' }),
  settledAt: z.date(),
  winners: z.array(z.object({ rank: z.number().int(), memberId: z.string(), name: z.string(), score: z.number().int(), points: z.number().int() })),
  announcement: z.object({ actionId: z.string().nullable(), status: z.string().nullable(), error: z.string().nullable() }).nullable()
    .meta({ description: 'null: the board announces nothing' }),
});
export type Settlement = z.infer<typeof settlementSchema>;
