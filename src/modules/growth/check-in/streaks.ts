import { addDays, samePeriod, type ResetPeriod } from './days.js';

/** A run of consecutive checked-in days, both ends included. */
export interface Streak { start: string; end: string; length: number }

/**
 * The run of consecutive checked-in days holding `day`, never crossing a period boundary (with a weekly
 * reset a streak starts again every Monday, with a monthly one on every 1st) and never past `until`.
 * Null when `day` itself is not checked in.
 */
export function streakAround(days: ReadonlySet<string>, day: string, reset: ResetPeriod, until?: string): Streak | null {
  if (!days.has(day) || (until !== undefined && day > until)) return null;
  let start = day;
  for (let d = addDays(day, -1); days.has(d) && samePeriod(d, day, reset); d = addDays(d, -1)) start = d;
  let end = day;
  for (let d = addDays(day, 1); days.has(d) && samePeriod(d, day, reset) && (until === undefined || d <= until); d = addDays(d, 1)) end = d;
  const length = Math.round((Date.parse(end) - Date.parse(start)) / 86_400_000) + 1;
  return { start, end, length };
}

/**
 * The streak a member has going on `today`: the one ending today, or, when today is not checked in yet,
 * the one ending yesterday (still alive until today is over), unless a new period began today.
 */
export function currentStreak(days: ReadonlySet<string>, today: string, reset: ResetPeriod): Streak | null {
  if (days.has(today)) return streakAround(days, today, reset, today);
  const yesterday = addDays(today, -1);
  if (days.has(yesterday) && samePeriod(yesterday, today, reset)) return streakAround(days, yesterday, reset, today);
  return null;
}

/** Whether a streak is still going on `today` (ends today, or yesterday within today's period). */
export function isCurrent(streak: Streak, today: string, reset: ResetPeriod): boolean {
  return streak.end === today || (streak.end === addDays(today, -1) && samePeriod(streak.end, today, reset));
}
