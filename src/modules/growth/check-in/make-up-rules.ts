import { addDays, daysBetween, samePeriod, type ResetPeriod } from './days.js';

/** What the make-up rules look at, read under the member's check-in lock (make-up-check-in.ts). */
export interface MakeUpState {
  today: string;
  resetPeriod: ResetPeriod;
  perMonth: number;
  maxDaysBack: number;
  /** The member's first checked-in day, or null when they never checked in. */
  firstDay: string | null;
  checkedIn: ReadonlySet<string>;
  /** Make-ups the member used in today's local month (counted by when they were used). */
  usedThisMonth: number;
  cards: number;
}

export interface Refusal { code: 'validation' | 'conflict'; message: string }

const PERIOD_WORD: Record<ResetPeriod, string> = { none: '', weekly: 'this week', monthly: 'this month' };

/**
 * Why a card may not fill `day` (docs/growth.md, "Make-up cards"), or null when it may. Checked in this
 * order, so the first rule broken is the one named: make-ups switched off; a past day only; at most
 * maxDaysBack days back; inside the current streak period; not before the member's first check-in; not a
 * day already checked in; within the month's allowance; a card to use.
 */
export function makeUpRefusal(day: string, s: MakeUpState): Refusal | null {
  if (s.perMonth === 0) return { code: 'conflict', message: 'make-ups are switched off in this workspace' };
  if (day >= s.today) return { code: 'validation', message: 'only a past day can be made up (today: check in instead)' };
  if (daysBetween(day, s.today) > s.maxDaysBack) return { code: 'validation', message: `at most ${s.maxDaysBack} day${s.maxDaysBack === 1 ? '' : 's'} back` };
  if (!samePeriod(day, s.today, s.resetPeriod)) {
    return { code: 'validation', message: `only days of ${PERIOD_WORD[s.resetPeriod]} (streaks start again with each ${s.resetPeriod === 'weekly' ? 'week' : 'month'})` };
  }
  if (s.firstDay === null || day < s.firstDay) return { code: 'validation', message: 'before the member\'s first check-in' };
  if (s.checkedIn.has(day)) return { code: 'conflict', message: `already checked in on ${day}` };
  if (s.usedThisMonth >= s.perMonth) return { code: 'conflict', message: `${s.usedThisMonth} make-ups used this month, the most allowed` };
  if (s.cards < 1) return { code: 'conflict', message: 'no make-up card left' };
  return null;
}

/** The missed days a card may fill now (ignoring whether the member holds one), latest first. */
export function makeableDays(s: MakeUpState): string[] {
  const out: string[] = [];
  const withCard = { ...s, cards: Math.max(1, s.cards) };
  for (let back = 1; back <= s.maxDaysBack; back++) {
    const day = addDays(s.today, -back);
    if (!makeUpRefusal(day, withCard)) out.push(day);
  }
  return out;
}
