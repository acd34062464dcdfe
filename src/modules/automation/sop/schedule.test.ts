import { describe, expect, it } from 'vitest';
import { isoDate, recurrenceSchema } from './contracts.js';
import { nextOccurrence, occurrencesBetween, weekdayOf, dayOf, type StepSchedule } from './schedule.js';

const NY = 'America/New_York';
const LONDON = 'Europe/London';
const SH = 'Asia/Shanghai';
const LONG_AGO = new Date('2020-01-01T00:00:00Z');
const at = (iso: string) => new Date(iso);
const next = (step: StepSchedule, after: string, tz: string, openedAt = LONG_AGO) => nextOccurrence(step, openedAt, tz, at(after));
const daily = (time: string, endsOn: string | null = null): StepSchedule => ({ time, recurrence: { kind: 'daily' }, endsOn });

describe('nextOccurrence across DST changes', () => {
  it('New York, spring 2026: 02:30 does not exist on 8 March and happens at the jump (03:00 EDT)', () => {
    const first = next(daily('02:30'), '2026-03-07T17:00:00Z', NY)!;
    expect(first).toEqual({ at: at('2026-03-08T07:00:00Z'), localSlot: '2026-03-08T02:30' });
    expect(nextOccurrence(daily('02:30'), LONG_AGO, NY, first.at)).toEqual({ at: at('2026-03-09T06:30:00Z'), localSlot: '2026-03-09T02:30' });
    // The day before the change is still EST.
    expect(next(daily('02:30'), '2026-03-06T12:00:00Z', NY)!.at).toEqual(at('2026-03-07T07:30:00Z'));
  });

  it('New York, autumn 2026: 01:30 happens twice on 1 November and fires once, at the first (EDT)', () => {
    const first = next(daily('01:30'), '2026-10-31T12:00:00Z', NY)!;
    expect(first).toEqual({ at: at('2026-11-01T05:30:00Z'), localSlot: '2026-11-01T01:30' });
    // The second 01:30 (EST, 06:30Z) is not an occurrence: the next one is the following night.
    expect(nextOccurrence(daily('01:30'), LONG_AGO, NY, first.at)).toEqual({ at: at('2026-11-02T06:30:00Z'), localSlot: '2026-11-02T01:30' });
    expect(next(daily('01:30'), '2026-11-01T06:00:00Z', NY)!.at).toEqual(at('2026-11-02T06:30:00Z'));
  });

  it('London, spring 2026: 01:30 on 29 March is skipped and happens at 02:00 BST', () => {
    expect(next(daily('01:30'), '2026-03-28T12:00:00Z', LONDON)).toEqual({ at: at('2026-03-29T01:00:00Z'), localSlot: '2026-03-29T01:30' });
    expect(next(daily('09:00'), '2026-03-28T12:00:00Z', LONDON)!.at).toEqual(at('2026-03-29T08:00:00Z'));
  });

  it('London, autumn 2026: 01:30 on 25 October fires at its first occurrence (BST)', () => {
    const first = next(daily('01:30'), '2026-10-24T12:00:00Z', LONDON)!;
    expect(first.at).toEqual(at('2026-10-25T00:30:00Z'));
    expect(nextOccurrence(daily('01:30'), LONG_AGO, LONDON, first.at)!.at).toEqual(at('2026-10-26T01:30:00Z'));
  });

  it('a daily step fires once per local day through a whole DST month', () => {
    const list = occurrencesBetween(daily('02:30'), LONG_AGO, NY, at('2026-03-01T05:00:00Z'), at('2026-04-01T04:00:00Z'));
    expect(list).toHaveLength(31);
    expect(new Set(list.map((o) => o.localSlot.slice(0, 10))).size).toBe(31);
    const nov = occurrencesBetween(daily('01:30'), LONG_AGO, NY, at('2026-11-01T04:00:00Z'), at('2026-11-03T05:00:00Z'));
    expect(nov.map((o) => o.localSlot)).toEqual(['2026-11-01T01:30', '2026-11-02T01:30']);
  });
});

describe('nextOccurrence by recurrence', () => {
  it('weekdays: Friday evening goes to Monday; a chosen set of weekdays', () => {
    expect(weekdayOf(dayOf('2026-01-30'))).toBe(5);
    const weekdays: StepSchedule = { time: '09:00', recurrence: { kind: 'weekdays', days: [1, 2, 3, 4, 5] } };
    expect(next(weekdays, '2026-01-30T10:00:00Z', SH)).toEqual({ at: at('2026-02-02T01:00:00Z'), localSlot: '2026-02-02T09:00' });
    const tueSat: StepSchedule = { time: '20:00', recurrence: { kind: 'weekdays', days: [2, 6] } };
    const list = occurrencesBetween(tueSat, LONG_AGO, SH, at('2026-02-01T00:00:00Z'), at('2026-02-15T00:00:00Z'));
    expect(list.map((o) => o.localSlot)).toEqual(['2026-02-03T20:00', '2026-02-07T20:00', '2026-02-10T20:00', '2026-02-14T20:00']);
  });

  it('month and year ends', () => {
    expect(next(daily('23:59'), '2026-01-31T16:00:00Z', SH)!.localSlot).toBe('2026-02-01T23:59');
    expect(next(daily('00:00'), '2026-02-28T12:00:00Z', SH)!.localSlot).toBe('2026-03-01T00:00');
    expect(next(daily('08:00'), '2026-12-31T12:00:00Z', SH)!.localSlot).toBe('2027-01-01T08:00');
    const monthEnds: StepSchedule = { time: '18:00', recurrence: { kind: 'dates', dates: ['2026-04-30', '2026-01-31', '2026-02-28'] } };
    expect(occurrencesBetween(monthEnds, LONG_AGO, SH, at('2026-01-01T00:00:00Z'), at('2027-01-01T00:00:00Z')).map((o) => o.localSlot))
      .toEqual(['2026-01-31T18:00', '2026-02-28T18:00', '2026-04-30T18:00']);
  });

  it('leap day 2028-02-29 is a date; 2027-02-29 is refused by the contract', () => {
    const leap: StepSchedule = { time: '09:00', recurrence: { kind: 'dates', dates: ['2028-02-29'] } };
    expect(next(leap, '2028-02-28T12:00:00Z', SH)).toEqual({ at: at('2028-02-29T01:00:00Z'), localSlot: '2028-02-29T09:00' });
    expect(next(leap, '2028-02-29T02:00:00Z', SH)).toBeNull();
    expect(isoDate.safeParse('2028-02-29').success).toBe(true);
    expect(isoDate.safeParse('2027-02-29').success).toBe(false);
    expect(isoDate.safeParse('2026-04-31').success).toBe(false);
    expect(recurrenceSchema.safeParse({ kind: 'weekdays', days: [0] }).success).toBe(false);
  });

  it('days after opening count local days from the opening; a day-0 time before the opening happens at the opening', () => {
    const opened = at('2026-05-10T06:00:00Z'); // 14:00 in Shanghai
    const day0: StepSchedule = { time: '10:00', recurrence: { kind: 'after_open', days: [0] } };
    expect(nextOccurrence(day0, opened, SH, new Date(opened.getTime() - 1))).toEqual({ at: opened, localSlot: '2026-05-10T10:00' });
    expect(nextOccurrence(day0, opened, SH, opened)).toBeNull();
    const closing: StepSchedule = { time: '20:30', recurrence: { kind: 'after_open', days: [3, 1, 2] } };
    expect(occurrencesBetween(closing, opened, SH, opened, at('2026-06-01T00:00:00Z')).map((o) => o.localSlot))
      .toEqual(['2026-05-11T20:30', '2026-05-12T20:30', '2026-05-13T20:30']);
    // Opened late in the evening UTC is already the next local day in Shanghai.
    expect(nextOccurrence({ time: '09:00', recurrence: { kind: 'after_open', days: [1] } }, at('2026-05-10T17:00:00Z'), SH, at('2026-05-10T17:00:00Z'))!.localSlot)
      .toBe('2026-05-12T09:00');
  });

  it('an end date stops the step after that local day', () => {
    const list = occurrencesBetween(daily('12:00', '2026-01-03'), LONG_AGO, SH, at('2026-01-01T00:00:00Z'), at('2026-02-01T00:00:00Z'));
    expect(list.map((o) => o.localSlot)).toEqual(['2026-01-01T12:00', '2026-01-02T12:00', '2026-01-03T12:00']);
  });
});
