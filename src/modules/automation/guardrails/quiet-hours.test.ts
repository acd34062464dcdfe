import { describe, expect, it } from 'vitest';
import { nextDayAllowedAt, quietHours, type QuietWindow } from './quiet-hours.js';
import { firstInstantAtOrAfter, localDayBounds } from './local-time.js';

const NIGHT: QuietWindow = { start: '22:00', end: '08:00' };
const LUNCH: QuietWindow = { start: '12:00', end: '14:00' };

/** [instant, expected allowedAt or null when not quiet] */
type Case = [string, string | null];
function check(timeZone: string, w: QuietWindow, cases: Case[]) {
  for (const [at, allowed] of cases) {
    const got = quietHours(new Date(at), timeZone, w);
    expect({ at, quiet: got.quiet, allowedAt: got.allowedAt.toISOString() })
      .toEqual({ at, quiet: allowed !== null, allowedAt: new Date(allowed ?? at).toISOString() });
  }
}

describe('quietHours', () => {
  it('Asia/Shanghai, a window across midnight: both edges, month and year ends', () => {
    check('Asia/Shanghai', NIGHT, [
      ['2026-05-10T13:59:59Z', null], // 21:59:59
      ['2026-05-10T14:00:00Z', '2026-05-11T00:00:00Z'], // 22:00 -> 08:00 next morning
      ['2026-05-10T16:00:00Z', '2026-05-11T00:00:00Z'], // midnight
      ['2026-05-10T23:59:59Z', '2026-05-11T00:00:00Z'], // 07:59:59
      ['2026-05-11T00:00:00Z', null], // 08:00
      ['2026-01-31T14:30:00Z', '2026-02-01T00:00:00Z'], // 22:30 on the 31st
      ['2026-02-28T16:00:00Z', '2026-03-01T00:00:00Z'], // 00:00 on 1 March (2026 is not a leap year)
      ['2026-12-31T15:30:00Z', '2027-01-01T00:00:00Z'], // 23:30 on New Year's Eve
      ['2026-12-31T20:00:00Z', '2027-01-01T00:00:00Z'], // 04:00 on New Year's Day
    ]);
  });

  it('a window within one day', () => {
    check('Asia/Shanghai', LUNCH, [
      ['2026-05-10T03:59:00Z', null],
      ['2026-05-10T04:00:00Z', '2026-05-10T06:00:00Z'],
      ['2026-05-10T05:59:59Z', '2026-05-10T06:00:00Z'],
      ['2026-05-10T06:00:00Z', null],
      ['2026-05-10T14:00:00Z', null], // 22:00 is not quiet with this window
    ]);
  });

  it('an empty window (start == end) is never quiet', () => {
    for (const at of ['2026-05-10T14:00:00Z', '2026-05-10T23:00:00Z', '2026-03-08T07:00:00Z']) {
      expect(quietHours(new Date(at), 'Asia/Shanghai', { start: '22:00', end: '22:00' })).toEqual({ quiet: false, allowedAt: new Date(at) });
      expect(quietHours(new Date(at), 'America/New_York', { start: '00:00', end: '00:00' }).quiet).toBe(false);
    }
  });

  it('America/New_York across the 2026 spring change (8 March, 02:00 EST -> 03:00 EDT)', () => {
    check('America/New_York', NIGHT, [
      ['2026-03-08T02:59:59Z', null], // 7 March 21:59:59 EST
      ['2026-03-08T03:00:00Z', '2026-03-08T12:00:00Z'], // 22:00 EST -> 08:00 EDT: a night of 9 hours
      ['2026-03-08T06:30:00Z', '2026-03-08T12:00:00Z'], // 01:30 EST
      ['2026-03-08T07:30:00Z', '2026-03-08T12:00:00Z'], // 03:30 EDT
      ['2026-03-08T11:59:59Z', '2026-03-08T12:00:00Z'],
      ['2026-03-08T12:00:00Z', null],
    ]);
    // A boundary the clocks skip counts from the jump (03:00 EDT = 07:00Z).
    check('America/New_York', { start: '02:30', end: '06:00' }, [
      ['2026-03-08T06:59:59Z', null], // 01:59:59 EST
      ['2026-03-08T07:00:00Z', '2026-03-08T10:00:00Z'], // 03:00 EDT -> 06:00 EDT
    ]);
    check('America/New_York', { start: '23:00', end: '02:30' }, [
      ['2026-03-08T06:45:00Z', '2026-03-08T07:00:00Z'], // 01:45 EST: allowed from the jump
      ['2026-03-08T07:00:00Z', null],
    ]);
  });

  it('America/New_York across the 2026 autumn change (1 November, 02:00 EDT -> 01:00 EST)', () => {
    check('America/New_York', NIGHT, [
      ['2026-11-01T01:59:59Z', null], // 31 October 21:59:59 EDT
      ['2026-11-01T02:00:00Z', '2026-11-01T13:00:00Z'], // 22:00 EDT -> 08:00 EST: a night of 11 hours
      ['2026-11-01T05:30:00Z', '2026-11-01T13:00:00Z'], // 01:30 EDT
      ['2026-11-01T06:30:00Z', '2026-11-01T13:00:00Z'], // 01:30 EST, the same clock time again
      ['2026-11-01T13:00:00Z', null],
    ]);
    // A period is one stretch of real time: it ends at the first 01:30 and the repeated hour is not quiet again.
    check('America/New_York', { start: '22:00', end: '01:30' }, [
      ['2026-11-01T05:15:00Z', '2026-11-01T05:30:00Z'], // 01:15 EDT
      ['2026-11-01T06:15:00Z', null], // 01:15 EST
    ]);
    // And one that starts at the first 01:30 runs on through the repeated hour.
    check('America/New_York', { start: '01:30', end: '05:00' }, [
      ['2026-11-01T05:29:00Z', null],
      ['2026-11-01T05:45:00Z', '2026-11-01T10:00:00Z'],
      ['2026-11-01T06:15:00Z', '2026-11-01T10:00:00Z'], // 01:15 EST, inside the period
    ]);
  });

  it('Europe/London across both 2026 changes (29 March and 25 October)', () => {
    check('Europe/London', NIGHT, [
      ['2026-03-28T21:59:00Z', null], // 21:59 GMT
      ['2026-03-28T22:00:00Z', '2026-03-29T07:00:00Z'], // 22:00 GMT -> 08:00 BST
      ['2026-03-29T00:30:00Z', '2026-03-29T07:00:00Z'],
      ['2026-03-29T01:00:00Z', '2026-03-29T07:00:00Z'], // the jump to 02:00 BST
      ['2026-10-24T20:59:00Z', null], // 21:59 BST
      ['2026-10-24T21:00:00Z', '2026-10-25T08:00:00Z'], // 22:00 BST -> 08:00 GMT
      ['2026-10-25T01:30:00Z', '2026-10-25T08:00:00Z'], // 01:30 GMT, after the clocks went back
    ]);
    // A window wholly inside the skipped hour never happens that night.
    check('Europe/London', { start: '01:10', end: '01:40' }, [
      ['2026-03-29T00:59:00Z', null],
      ['2026-03-29T01:00:00Z', null],
      ['2026-03-30T00:15:00Z', '2026-03-30T00:40:00Z'], // the next night it does (01:15 BST)
    ]);
  });

  it('agrees with the wall clock at every sampled instant of 2026 in New York', () => {
    const hourOf = new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', hourCycle: 'h23', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    const clock = (d: Date) => hourOf.format(d);
    let seed = 7;
    const start = Date.UTC(2026, 0, 1);
    for (let i = 0; i < 1500; i++) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      const at = new Date(start + (seed % (365 * 86400)) * 1000);
      const h = Number(clock(at).slice(0, 2));
      const got = quietHours(at, 'America/New_York', NIGHT);
      expect(got.quiet, at.toISOString()).toBe(h >= 22 || h < 8);
      if (!got.quiet) continue;
      expect(clock(got.allowedAt), at.toISOString()).toBe('08:00:00');
      expect(got.allowedAt.getTime() - at.getTime()).toBeLessThanOrEqual(11 * 3600_000);
      expect(quietHours(new Date(got.allowedAt.getTime() - 1), 'America/New_York', NIGHT).quiet).toBe(true);
    }
  });
});

describe('local days', () => {
  it('answers the day\'s bounds, 23 and 25 hours long on the change days', () => {
    expect(localDayBounds(Date.parse('2026-03-08T15:00:00Z'), 'America/New_York'))
      .toEqual({ start: Date.parse('2026-03-08T05:00:00Z'), end: Date.parse('2026-03-09T04:00:00Z') });
    expect(localDayBounds(Date.parse('2026-11-01T15:00:00Z'), 'America/New_York'))
      .toEqual({ start: Date.parse('2026-11-01T04:00:00Z'), end: Date.parse('2026-11-02T05:00:00Z') });
    expect(localDayBounds(Date.parse('2026-12-31T20:00:00Z'), 'Asia/Shanghai'))
      .toEqual({ start: Date.parse('2026-12-31T16:00:00Z'), end: Date.parse('2027-01-01T16:00:00Z') });
  });

  it('resolves a repeated wall time to its first occurrence and a skipped one to the jump', () => {
    expect(new Date(firstInstantAtOrAfter(Date.UTC(2026, 10, 1, 1, 30), 'America/New_York')).toISOString()).toBe('2026-11-01T05:30:00.000Z');
    expect(new Date(firstInstantAtOrAfter(Date.UTC(2026, 2, 8, 2, 30), 'America/New_York')).toISOString()).toBe('2026-03-08T07:00:00.000Z');
    expect(new Date(firstInstantAtOrAfter(Date.UTC(2026, 2, 29, 1, 0), 'Europe/London')).toISOString()).toBe('2026-03-29T01:00:00.000Z');
  });

  it('places a capped message at the start of the next local day, after the quiet hours', () => {
    const at = new Date('2026-05-10T06:00:00Z'); // 14:00 in Shanghai
    expect(nextDayAllowedAt(at, 'Asia/Shanghai', NIGHT).toISOString()).toBe('2026-05-11T00:00:00.000Z');
    expect(nextDayAllowedAt(at, 'Asia/Shanghai', { start: '00:00', end: '00:00' }).toISOString()).toBe('2026-05-10T16:00:00.000Z');
    expect(nextDayAllowedAt(new Date('2026-12-31T10:00:00Z'), 'Asia/Shanghai', LUNCH).toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(nextDayAllowedAt(new Date('2026-03-07T17:00:00Z'), 'America/New_York', NIGHT).toISOString()).toBe('2026-03-08T12:00:00.000Z');
  });
});
