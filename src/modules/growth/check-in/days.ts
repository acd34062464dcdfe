import { DAY, firstInstantAtOrAfter } from '../../automation/guardrails/local-time.js';
import { dayIn } from '../../tracking/day.js';

/**
 * Calendar days as "YYYY-MM-DD" strings of the workspace's local calendar. The arithmetic runs on UTC
 * midnights, where every day has 24 hours; only turning a day into real instants needs the zone.
 */

export const RESET_PERIODS = ['none', 'weekly', 'monthly'] as const;
export type ResetPeriod = (typeof RESET_PERIODS)[number];

const toNumber = (day: string) => Date.UTC(+day.slice(0, 4), +day.slice(5, 7) - 1, +day.slice(8, 10)) / DAY;
const toDay = (n: number) => new Date(n * DAY).toISOString().slice(0, 10);

export const addDays = (day: string, n: number) => toDay(toNumber(day) + n);
/** Whole days from a to b (positive when b is later). */
export const daysBetween = (a: string, b: string) => toNumber(b) - toNumber(a);
/** ISO weekday, 1 = Monday ... 7 = Sunday. */
export const weekday = (day: string) => ((((toNumber(day) + 3) % 7) + 7) % 7) + 1;

/** The first day of the period a day belongs to; with no reset every day belongs to one endless period. */
export function periodStart(day: string, reset: ResetPeriod): string | null {
  if (reset === 'weekly') return addDays(day, 1 - weekday(day));
  if (reset === 'monthly') return `${day.slice(0, 7)}-01`;
  return null;
}

export const samePeriod = (a: string, b: string, reset: ResetPeriod) => periodStart(a, reset) === periodStart(b, reset);

/** The longest a streak can get within one period, or null when it is unbounded. */
export const periodLength = (reset: ResetPeriod) => (reset === 'weekly' ? 7 : reset === 'monthly' ? 31 : null);

/** First and last day of a month "YYYY-MM". */
export function monthDays(month: string): { first: string; last: string } {
  const first = `${month}-01`;
  const next = new Date(Date.UTC(+month.slice(0, 4), +month.slice(5, 7), 1)).toISOString().slice(0, 10);
  return { first, last: addDays(next, -1) };
}

/** The local day an instant falls on. */
export const localDay = (at: Date, timeZone: string) => dayIn(at, timeZone);

/** The first instant of a local day (its midnight, or the moment the clocks jump past it). */
export const dayStart = (day: string, timeZone: string) => new Date(firstInstantAtOrAfter(toNumber(day) * DAY, timeZone));
