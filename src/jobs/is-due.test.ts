import { describe, expect, it } from 'vitest';
import { isDue, slotStart } from './is-due.js';

const at = (s: string) => new Date(s);

describe('isDue', () => {
  const every5m = { everySeconds: 300 };
  it('is due when it never ran', () => expect(isDue(every5m, null, at('2026-11-01T00:00:01Z'))).toBe(true));
  it('is not due again within the same slot', () => {
    expect(isDue(every5m, at('2026-11-01T00:05:00Z'), at('2026-11-01T00:09:59Z'))).toBe(false);
  });
  it('is due once the next slot starts', () => {
    expect(isDue(every5m, at('2026-11-01T00:05:00Z'), at('2026-11-01T00:10:00Z'))).toBe(true);
  });
  it('owes one run, not one per missed slot, after a long pause', () => {
    const now = at('2026-11-01T05:00:30Z');
    expect(isDue(every5m, at('2026-11-01T00:00:00Z'), now)).toBe(true);
    expect(isDue(every5m, slotStart(every5m, now), now)).toBe(false);
  });
  it('aligns slots to the clock so every process agrees on a run\'s identity', () => {
    expect(slotStart({ everySeconds: 3600 }, at('2026-11-01T10:59:59Z')).toISOString()).toBe('2026-11-01T10:00:00.000Z');
  });
  it('refuses a non-positive interval', () => expect(() => isDue({ everySeconds: 0 }, null, new Date())).toThrow());
});
