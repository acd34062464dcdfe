import { describe, expect, it } from 'vitest';
import { localToUtc } from '../local-time.js';
import { unparsed, validClock, wallClockToUtc } from './record-helpers.js';

describe('record helpers', () => {
  it('wallClockToUtc agrees with localToUtc minute by minute across DST changes, half-hour ones included', () => {
    const days: [string, number, number, number][] = [
      ['America/New_York', 2021, 3, 14], ['America/New_York', 2021, 11, 7],
      ['Australia/Lord_Howe', 2021, 4, 4], ['Australia/Lord_Howe', 2021, 10, 3], ['Asia/Shanghai', 2021, 6, 1],
    ];
    for (const [zone, y, mo, d] of days) {
      for (let h = 0; h < 24; h++) {
        for (let mi = 0; mi < 60; mi++) {
          const want = localToUtc(y, mo, d, h, mi, 30, zone).toISOString();
          expect(wallClockToUtc(y, mo, d, h, mi, 30, zone).toISOString(), `${zone} ${h}:${mi}`).toBe(want);
        }
      }
    }
  });

  it('validClock rejects impossible dates; unparsed truncates text to 200 characters', () => {
    expect(validClock(2021, 2, 29, 0, 0, 0)).toBe(false);
    expect(validClock(2020, 2, 29, 23, 59, 59)).toBe(true);
    expect(validClock(2020, 4, 31, 0, 0, 0)).toBe(false);
    expect(unparsed(3, 'x'.repeat(300), 'why', 'a.txt')).toEqual({ kind: 'unparsed', line: 3, text: 'x'.repeat(200), reason: 'why', file: 'a.txt' });
  });
});
