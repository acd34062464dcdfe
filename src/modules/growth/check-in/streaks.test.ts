import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, monthDays, periodStart, weekday } from './days.js';
import { currentStreak, isCurrent, streakAround } from './streaks.js';

/** The days from `first` to `last`, both included. */
const run = (first: string, last: string) => Array.from({ length: daysBetween(first, last) + 1 }, (_, i) => addDays(first, i));
const set = (...runs: string[][]) => new Set(runs.flat());

describe('calendar days', () => {
  it('knows weekdays, week and month starts, and month lengths', () => {
    // 2026-05-04 is a Monday; 2026-03-01 a Sunday.
    expect([weekday('2026-05-04'), weekday('2026-05-10'), weekday('2026-03-01')]).toEqual([1, 7, 7]);
    expect(periodStart('2026-05-10', 'weekly')).toBe('2026-05-04');
    expect(periodStart('2026-05-04', 'weekly')).toBe('2026-05-04');
    expect(periodStart('2026-05-31', 'monthly')).toBe('2026-05-01');
    expect(periodStart('2026-05-31', 'none')).toBeNull();
    expect(monthDays('2028-02')).toEqual({ first: '2028-02-01', last: '2028-02-29' });
    expect(monthDays('2026-12')).toEqual({ first: '2026-12-01', last: '2026-12-31' });
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
});

describe('streaks', () => {
  // Thu 04-30 to Tue 05-05 without a gap, then Thu 05-07 and Fri 05-08.
  const days = set(run('2026-04-30', '2026-05-05'), ['2026-05-07', '2026-05-08']);

  it('without a reset, a streak is every consecutive day', () => {
    expect(streakAround(days, '2026-05-02', 'none')).toEqual({ start: '2026-04-30', end: '2026-05-05', length: 6 });
    expect(streakAround(days, '2026-05-06', 'none')).toBeNull();
    expect(streakAround(days, '2026-05-07', 'none')).toEqual({ start: '2026-05-07', end: '2026-05-08', length: 2 });
  });

  it('a weekly reset starts every streak again on Monday', () => {
    // Monday 05-04 begins a new week: Thu-Sun is one streak (4), Mon-Tue another (2).
    expect(streakAround(days, '2026-05-03', 'weekly')).toEqual({ start: '2026-04-30', end: '2026-05-03', length: 4 });
    expect(streakAround(days, '2026-05-05', 'weekly')).toEqual({ start: '2026-05-04', end: '2026-05-05', length: 2 });
  });

  it('a monthly reset starts every streak again on the 1st', () => {
    expect(streakAround(days, '2026-04-30', 'monthly')).toEqual({ start: '2026-04-30', end: '2026-04-30', length: 1 });
    expect(streakAround(days, '2026-05-03', 'monthly')).toEqual({ start: '2026-05-01', end: '2026-05-05', length: 5 });
  });

  it('never counts past `until`', () => {
    expect(streakAround(days, '2026-05-01', 'none', '2026-05-02')).toEqual({ start: '2026-04-30', end: '2026-05-02', length: 3 });
    expect(streakAround(days, '2026-05-03', 'none', '2026-05-02')).toBeNull();
  });

  it('the current streak ends today, or yesterday while today is still open, within today\'s period', () => {
    expect(currentStreak(days, '2026-05-08', 'none')?.length).toBe(2);
    expect(currentStreak(days, '2026-05-09', 'none')?.length).toBe(2);
    expect(currentStreak(days, '2026-05-10', 'none')).toBeNull();
    // 05-06 missed: on 05-06 the streak ending 05-05 is still alive, on 05-07 the new one has begun.
    expect(currentStreak(days, '2026-05-06', 'none')?.length).toBe(6);
    expect(currentStreak(days, '2026-05-06', 'weekly')?.length).toBe(2);
    // On the 1st a monthly streak ending on the 30th is over; without a reset it goes on.
    const april = set(run('2026-04-25', '2026-04-30'));
    expect(currentStreak(april, '2026-05-01', 'monthly')).toBeNull();
    expect(currentStreak(april, '2026-05-01', 'none')?.length).toBe(6);
    // Days checked in after today (a clock ahead) do not count yet.
    expect(currentStreak(days, '2026-05-04', 'none')).toEqual({ start: '2026-04-30', end: '2026-05-04', length: 5 });
  });

  it('says whether a streak is still going', () => {
    const s = { start: '2026-05-01', end: '2026-05-05', length: 5 };
    expect([isCurrent(s, '2026-05-05', 'none'), isCurrent(s, '2026-05-06', 'none'), isCurrent(s, '2026-05-07', 'none')]).toEqual([true, true, false]);
    const sunday = { start: '2026-05-04', end: '2026-05-10', length: 7 };
    expect(isCurrent(sunday, '2026-05-11', 'weekly')).toBe(false);
  });
});
