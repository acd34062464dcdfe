import { z } from 'zod';
import { pageQuerySchema } from '../../../core/pagination.js';
import { periodLength, RESET_PERIODS } from './days.js';

export const CHECK_IN_SOURCES = ['keyword', 'button', 'import', 'event', 'make_up'] as const;
export type CheckInSource = (typeof CHECK_IN_SOURCES)[number];

export const MAX_KEYWORDS = 20;
export const MAX_MILESTONES = 20;
/** Longest text a keyword check-in can be: the keywords are short words, a longer message is conversation. */
export const KEYWORD_MAX_LENGTH = 20;

/** A real calendar day: 2028-02-29 passes, 2027-02-29 and 2026-04-31 do not. */
export const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date "YYYY-MM-DD"')
  .refine((s) => new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s, 'is not a calendar date');
export const isoMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month "YYYY-MM"');

export const milestoneSchema = z.strictObject({
  days: z.number().int('must be a whole number of days').min(2, 'must be 2 or more').max(365, 'must be at most 365')
    .meta({ description: 'streak length (consecutive days) that earns the reward' }),
  points: z.number().int('must be a whole number').min(0, 'must be 0 or more').max(100_000, 'must be at most 100000').default(0),
  cards: z.number().int('must be a whole number').min(0, 'must be 0 or more').max(10, 'must be at most 10').default(0)
    .meta({ description: 'make-up cards given' }),
}).refine((m) => m.points > 0 || m.cards > 0, { message: 'give points, cards or both', path: ['points'] });
export type Milestone = z.output<typeof milestoneSchema>;

const keyword = z.string().trim().min(1, 'must not be empty').max(KEYWORD_MAX_LENGTH, `at most ${KEYWORD_MAX_LENGTH} characters`);

export const checkInSettingsSchema = z.strictObject({
  enabled: z.boolean().meta({ description: 'off: nothing is recorded as a check-in (the events stay in the event log)' }),
  keywords: z.array(keyword).min(1, 'keep at least one keyword').max(MAX_KEYWORDS, `at most ${MAX_KEYWORDS} keywords`)
    .meta({ description: 'a member\'s whole message (trimmed, case and width ignored) equal to one of these is a check-in' }),
  resetPeriod: z.enum(RESET_PERIODS, 'must be none, weekly or monthly')
    .meta({ description: 'streaks start again every Monday (weekly) or every 1st (monthly); none: they run on' }),
  replyEnabled: z.boolean().meta({ description: 'the bot answers a keyword check-in in the group' }),
  milestones: z.array(milestoneSchema).max(MAX_MILESTONES, `at most ${MAX_MILESTONES} milestones`),
  makeUp: z.strictObject({
    perMonth: z.number().int('must be a whole number').min(0, 'must be 0 or more').max(31, 'must be at most 31')
      .meta({ description: 'make-ups a member may use per local month (counted by when they are used); 0 turns make-ups off' }),
    maxDaysBack: z.number().int('must be a whole number').min(1, 'must be 1 or more').max(31, 'must be at most 31')
      .meta({ description: 'how far back a make-up may reach: yesterday is 1' }),
  }),
}).superRefine((s, ctx) => {
  const seen = new Set<number>();
  const longest = periodLength(s.resetPeriod);
  s.milestones.forEach((m, i) => {
    if (seen.has(m.days)) ctx.addIssue({ code: 'custom', path: ['milestones', i, 'days'], message: `there is already a ${m.days}-day milestone` });
    seen.add(m.days);
    if (longest !== null && m.days > longest) {
      ctx.addIssue({ code: 'custom', path: ['milestones', i, 'days'], message: `a ${s.resetPeriod} reset ends every streak within ${longest} days` });
    }
  });
  const words = new Set<string>();
  s.keywords.forEach((k, i) => {
    const key = k.normalize('NFKC').trim().toLowerCase();
    if (words.has(key)) ctx.addIssue({ code: 'custom', path: ['keywords', i], message: `"${k}" is listed twice` });
    words.add(key);
  });
});
export type CheckInSettings = z.output<typeof checkInSettingsSchema>;

export const DEFAULT_CHECK_IN_SETTINGS: CheckInSettings = {
  enabled: false,
  keywords: ['签到', '打卡'],
  resetPeriod: 'none',
  replyEnabled: true,
  milestones: [{ days: 7, points: 0, cards: 1 }, { days: 21, points: 50, cards: 0 }, { days: 30, points: 100, cards: 1 }],
  makeUp: { perMonth: 2, maxDaysBack: 7 },
};

const earnRuleView = z.object({ points: z.number().int(), dailyCap: z.number().int().nullable(), enabled: z.boolean() }).nullable()
  .meta({ description: 'the loyalty module\'s check_in earn rule, which sets the points per check-in (edited on the points page); null: none' });

export const checkInSettingsViewSchema = z.object({
  settings: checkInSettingsSchema,
  defaults: checkInSettingsSchema,
  pointsRule: earnRuleView,
  timeZone: z.string(),
  updatedAt: z.date().nullable(),
  updatedBy: z.string().nullable(),
});
export type CheckInSettingsView = z.infer<typeof checkInSettingsViewSchema>;

export const milestoneAwardSchema = z.object({ days: z.number().int(), reachedOn: z.string(), points: z.number().int(), cards: z.number().int() });
export type MilestoneAward = z.infer<typeof milestoneAwardSchema>;

export const checkInSchema = z.object({
  id: z.string(),
  memberId: z.string(),
  day: z.string(),
  checkedInAt: z.date(),
  source: z.enum(CHECK_IN_SOURCES),
  communityId: z.string().nullable(),
  points: z.number().int().nullable(),
});
export type CheckIn = z.infer<typeof checkInSchema>;

export const checkInResultSchema = z.object({
  checkIn: checkInSchema,
  created: z.boolean().meta({ description: 'false: the member had already checked in that day, and this is that check-in' }),
  streak: z.number().int().meta({ description: 'the streak the day belongs to, in days' }),
  milestones: z.array(milestoneAwardSchema).meta({ description: 'milestones this check-in reached' }),
});
export type CheckInResult = z.infer<typeof checkInResultSchema>;

export const calendarSchema = z.object({
  enabled: z.boolean(),
  member: z.object({ id: z.string(), name: z.string() }),
  month: z.string(),
  today: z.string().meta({ description: 'the local day now, in the workspace time zone' }),
  timeZone: z.string(),
  resetPeriod: z.enum(RESET_PERIODS),
  days: z.array(z.object({ day: z.string(), source: z.enum(CHECK_IN_SOURCES), points: z.number().int().nullable() }))
    .meta({ description: 'the month\'s checked-in days, in order' }),
  checkedInToday: z.boolean(),
  streak: z.number().int().meta({ description: 'the current streak: ending today, or yesterday when today is still open' }),
  totalDays: z.number().int().meta({ description: 'days checked in, ever' }),
  cards: z.number().int().meta({ description: 'make-up cards held' }),
  makeUp: z.object({
    perMonth: z.number().int(),
    usedThisMonth: z.number().int(),
    maxDaysBack: z.number().int(),
    days: z.array(z.string()).meta({ description: 'missed days a card may fill now, latest first (the member still needs a card)' }),
  }),
  milestones: z.array(z.object({ days: z.number().int(), points: z.number().int(), cards: z.number().int(), reached: z.boolean().meta({ description: 'reached by the current streak' }) })),
});
export type Calendar = z.infer<typeof calendarSchema>;

export const calendarQuerySchema = z.object({ month: isoMonth.optional().meta({ description: 'default: the current local month' }) });

export const makeUpInputSchema = z.strictObject({ day: isoDay.meta({ description: 'the missed day to fill' }) });

export const grantCardsSchema = z.strictObject({
  count: z.number().int('must be a whole number').min(1, 'must be 1 or more').max(100, 'must be at most 100'),
  note: z.string().trim().max(200, 'at most 200 characters').optional(),
  idempotencyKey: z.string().min(8, 'at least 8 characters').max(100, 'at most 100 characters')
    .meta({ description: 'the same key grants once, so a retried click gives the cards once' }),
});
export type GrantCardsInput = z.infer<typeof grantCardsSchema>;

export const cardGrantSchema = z.object({ id: z.string(), created: z.boolean(), balance: z.number().int() });

export const dailyQuerySchema = z.object({
  from: isoDay.optional().meta({ description: 'first local day; default 29 days before `to`' }),
  to: isoDay.optional().meta({ description: 'last local day, included; default today' }),
});
export const dailySchema = z.object({
  from: z.string(), to: z.string(),
  days: z.array(z.object({ day: z.string(), checkIns: z.number().int(), makeUps: z.number().int() })),
});
export type Daily = z.infer<typeof dailySchema>;

export const LEADERBOARD_ORDERS = ['streak', 'days'] as const;
export const checkInLeaderboardQuerySchema = pageQuerySchema.extend({
  by: z.enum(LEADERBOARD_ORDERS, 'must be streak or days').default('streak')
    .meta({ description: 'streak: longest current streak; days: most days checked in between from and to' }),
  from: isoDay.optional().meta({ description: 'by=days: first local day; default the 1st of this month' }),
  to: isoDay.optional().meta({ description: 'by=days: last local day, included; default today' }),
});
export type CheckInLeaderboardQuery = z.output<typeof checkInLeaderboardQuerySchema>;
export const checkInStandingSchema = z.object({
  rank: z.number().int(),
  memberId: z.string(),
  name: z.string(),
  value: z.number().int().meta({ description: 'the streak, or the days checked in' }),
  lastDay: z.string().meta({ description: 'the last day counted' }),
});
export type CheckInStanding = z.infer<typeof checkInStandingSchema>;
