import { DAY, firstInstantAtOrAfter, localDayBounds, localMidnight, minutesOf } from './local-time.js';

/** Local "HH:MM" times; start == end means no quiet hours. A start after the end crosses midnight. */
export interface QuietWindow { start: string; end: string }

export interface QuietAnswer {
  quiet: boolean;
  /** The instant itself when not quiet; otherwise the first instant at which sending is allowed again. */
  allowedAt: Date;
}

/**
 * One night's (or one day's) quiet period as instants: from when the local clock first reaches `start` to
 * when it first reaches `end`. Taking each period as one stretch of real time, rather than asking "is the
 * clock between start and end", keeps a period whole when the clocks go back inside it: 01:00-01:30 on
 * the night New York repeats 01:00-02:00 is quiet once, not twice.
 */
function periodStartingOn(midnight: number, w: QuietWindow, timeZone: string): { from: number; to: number } {
  const start = minutesOf(w.start) * 60_000;
  const end = minutesOf(w.end) * 60_000;
  const endDay = end > start ? midnight : midnight + DAY;
  return { from: firstInstantAtOrAfter(midnight + start, timeZone), to: firstInstantAtOrAfter(endDay + end, timeZone) };
}

function periodHolding(instant: number, w: QuietWindow, timeZone: string): { from: number; to: number } | undefined {
  const today = localMidnight(instant, timeZone);
  // A period that crosses midnight may have started the day before.
  for (const midnight of [today - DAY, today]) {
    const p = periodStartingOn(midnight, w, timeZone);
    if (p.from <= instant && instant < p.to) return p;
  }
  return undefined;
}

/**
 * Whether sending at `at` falls in the workspace's quiet hours, and when it may go out. Pure: the same
 * instant, zone and window always give the same answer, correct across DST changes (a boundary the
 * clocks skip counts from the moment of the jump).
 */
export function quietHours(at: Date, timeZone: string, w: QuietWindow): QuietAnswer {
  const instant = at.getTime();
  if (w.start === w.end) return { quiet: false, allowedAt: at };
  const period = periodHolding(instant, w, timeZone);
  if (!period) return { quiet: false, allowedAt: at };
  // A period can end exactly where the next begins (a window of 23 h 59 min on a day the clocks skip an
  // hour); then the quiet runs on. Two steps always suffice; the bound only guards against the impossible.
  let allowed = period.to;
  for (let i = 0; i < 3; i++) {
    const next = periodHolding(allowed, w, timeZone);
    if (!next) break;
    allowed = next.to;
  }
  return { quiet: true, allowedAt: new Date(allowed) };
}

/**
 * The first instant of the next local day at which sending is allowed: where a capped message waits when
 * today's allowance is used up.
 */
export function nextDayAllowedAt(at: Date, timeZone: string, w: QuietWindow): Date {
  const next = new Date(localDayBounds(at.getTime(), timeZone).end);
  return quietHours(next, timeZone, w).allowedAt;
}
