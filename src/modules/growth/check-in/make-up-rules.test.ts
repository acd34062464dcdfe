import { describe, expect, it } from 'vitest';
import { makeableDays, makeUpRefusal, type MakeUpState } from './make-up-rules.js';

// Wednesday 2026-05-13: the week began Monday 05-11, the month on 05-01.
const base: MakeUpState = {
  today: '2026-05-13', resetPeriod: 'none', perMonth: 2, maxDaysBack: 7, firstDay: '2026-04-20',
  checkedIn: new Set(['2026-05-13', '2026-05-12', '2026-05-10']), usedThisMonth: 0, cards: 1,
};
const why = (day: string, over: Partial<MakeUpState> = {}) => makeUpRefusal(day, { ...base, ...over });

describe('make-up card rules', () => {
  it('fills a missed past day within reach', () => {
    expect(why('2026-05-11')).toBeNull();
    expect(why('2026-05-06')).toBeNull();
  });

  it('refuses today and the future', () => {
    expect(why('2026-05-13')).toMatchObject({ code: 'validation', message: expect.stringContaining('past day') });
    expect(why('2026-05-20')).toMatchObject({ code: 'validation' });
  });

  it('refuses days beyond maxDaysBack', () => {
    expect(why('2026-05-05')).toEqual({ code: 'validation', message: 'at most 7 days back' });
    expect(why('2026-05-12', { maxDaysBack: 1 })).toMatchObject({ code: 'conflict' }); // in reach, but checked in
    expect(why('2026-05-11', { maxDaysBack: 1 })).toEqual({ code: 'validation', message: 'at most 1 day back' });
  });

  it('keeps to the current streak period', () => {
    expect(why('2026-05-10', { resetPeriod: 'weekly', checkedIn: new Set() })).toMatchObject({ code: 'validation', message: expect.stringContaining('this week') });
    expect(why('2026-05-11', { resetPeriod: 'weekly' })).toBeNull();
    expect(why('2026-04-30', { resetPeriod: 'monthly', today: '2026-05-02' })).toMatchObject({ message: expect.stringContaining('this month') });
    expect(why('2026-04-30', { resetPeriod: 'none', today: '2026-05-02' })).toBeNull();
  });

  it('refuses days before the first check-in, or any day for a member who never checked in', () => {
    expect(why('2026-05-08', { firstDay: '2026-05-10' })).toEqual({ code: 'validation', message: 'before the member\'s first check-in' });
    expect(why('2026-05-11', { firstDay: null, checkedIn: new Set() })).toMatchObject({ code: 'validation' });
  });

  it('refuses a day already checked in, beyond the monthly allowance, without a card, or when switched off', () => {
    expect(why('2026-05-10')).toEqual({ code: 'conflict', message: 'already checked in on 2026-05-10' });
    expect(why('2026-05-11', { usedThisMonth: 2 })).toEqual({ code: 'conflict', message: '2 make-ups used this month, the most allowed' });
    expect(why('2026-05-11', { cards: 0 })).toEqual({ code: 'conflict', message: 'no make-up card left' });
    expect(why('2026-05-11', { perMonth: 0 })).toMatchObject({ code: 'conflict', message: expect.stringContaining('switched off') });
  });

  it('lists the days a card could fill, latest first', () => {
    expect(makeableDays(base)).toEqual(['2026-05-11', '2026-05-09', '2026-05-08', '2026-05-07', '2026-05-06']);
    expect(makeableDays({ ...base, resetPeriod: 'weekly' })).toEqual(['2026-05-11']);
    // The allowance is used up: nothing, whatever cards are held. No card: the days are still shown.
    expect(makeableDays({ ...base, usedThisMonth: 2 })).toEqual([]);
    expect(makeableDays({ ...base, cards: 0 })).toHaveLength(5);
  });
});
