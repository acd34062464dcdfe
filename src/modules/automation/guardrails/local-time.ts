/**
 * Wall-clock arithmetic in an IANA time zone with Intl alone. A "wall time" is a local date and time
 * written as if it were UTC (Date.UTC of its fields), so days and minutes can be added to it without
 * thinking about offsets; only converting to and from real instants needs the zone.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

// formatToParts costs microseconds and the SOP tick asks the same few instants (a step's time, for every
// group it covers) thousands of times a batch. The answer depends only on its arguments, so it is
// remembered; the map is emptied when it grows past a bound rather than kept in order.
const remembered = new Map<string, number>();
const REMEMBER_AT_MOST = 20_000;

/** The wall time (see above) an instant shows in the zone, to the millisecond. */
export function wallTime(instant: number, timeZone: string): number {
  const key = `${timeZone}|${instant}`;
  const known = remembered.get(key);
  if (known !== undefined) return known;
  const wall = computeWallTime(instant, timeZone);
  if (remembered.size >= REMEMBER_AT_MOST) remembered.clear();
  remembered.set(key, wall);
  return wall;
}

function computeWallTime(instant: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(instant))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const seconds = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  return seconds + (((instant % 1000) + 1000) % 1000);
}

const offsetAt = (instant: number, timeZone: string) => wallTime(instant, timeZone) - instant;

/**
 * The first instant at which the zone's clock shows `wall` or later. A wall time that happens twice (the
 * hour repeated when clocks go back) answers its first occurrence; one that never happens (the hour
 * skipped when clocks go forward) answers the moment of the jump, when the clock first passes it.
 */
export function firstInstantAtOrAfter(wall: number, timeZone: string): number {
  // No zone changes its offset twice within a day, so the offsets 14 h either side bracket any change.
  const before = offsetAt(wall - 14 * HOUR, timeZone);
  const after = offsetAt(wall + 14 * HOUR, timeZone);
  const candidates = [wall - before, wall - after].filter((c) => wallTime(c, timeZone) === wall);
  if (candidates.length) return Math.min(...candidates);
  // In the gap: the clock jumps from below `wall` to above it. Find the jump, to the millisecond.
  let lo = wall - after; // still the old offset here, the clock shows less than `wall`
  let hi = wall - before; // already the new offset, the clock shows more
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (wallTime(mid, timeZone) >= wall) hi = mid; else lo = mid;
  }
  return hi;
}

/** Midnight (wall time) of the local day the instant falls on. */
export const localMidnight = (instant: number, timeZone: string) => Math.floor(wallTime(instant, timeZone) / DAY) * DAY;

/** The local day an instant falls on, as [first instant, first instant of the next day). */
export function localDayBounds(instant: number, timeZone: string): { start: number; end: number } {
  const midnight = localMidnight(instant, timeZone);
  return { start: firstInstantAtOrAfter(midnight, timeZone), end: firstInstantAtOrAfter(midnight + DAY, timeZone) };
}

/** "HH:MM" to minutes after midnight. */
export const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Whether Intl knows the zone (workspace time zones are validated elsewhere; this guards stored data). */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}
