import { describe, expect, it } from 'vitest';
import { checkTimeZone, localToUtc } from './local-time.js';

describe('localToUtc', () => {
  it('converts wall-clock times with the zone offset, across DST', () => {
    expect(localToUtc(2020, 12, 31, 21, 15, 3, 'Asia/Shanghai').toISOString()).toBe('2020-12-31T13:15:03.000Z');
    expect(localToUtc(2020, 12, 31, 21, 15, 0, 'UTC').toISOString()).toBe('2020-12-31T21:15:00.000Z');
    expect(localToUtc(2021, 7, 1, 12, 0, 0, 'Europe/Berlin').toISOString()).toBe('2021-07-01T10:00:00.000Z');
    expect(localToUtc(2021, 1, 1, 12, 0, 0, 'Europe/Berlin').toISOString()).toBe('2021-01-01T11:00:00.000Z');
    expect(localToUtc(2021, 3, 14, 1, 30, 0, 'America/New_York').toISOString()).toBe('2021-03-14T06:30:00.000Z');
    expect(localToUtc(2021, 3, 14, 3, 30, 0, 'America/New_York').toISOString()).toBe('2021-03-14T07:30:00.000Z');
  });

  it('names a bad zone', () => {
    expect(() => checkTimeZone('Mars/Olympus')).toThrow('timezone: Mars/Olympus');
    expect(checkTimeZone('Asia/Shanghai')).toBe('Asia/Shanghai');
  });
});
