import { DAY, firstInstantAtOrAfter, localMidnight, minutesOf } from '../guardrails/local-time.js';

/**
 * When a step fires. Days are local calendar days of the workspace time zone; weekdays are ISO (1 = Monday
 * ... 7 = Sunday). `after_open` counts from the local day the community opened (day 0).
 */
export type Recurrence =
  | { kind: 'daily' }
  | { kind: 'weekdays'; days: number[] }
  | { kind: 'dates'; dates: string[] }
  | { kind: 'after_open'; days: number[] };

export interface StepSchedule {
  /** Local "HH:MM". */
  time: string;
  recurrence: Recurrence;
  /** Last local day ("YYYY-MM-DD") on which the step may fire; null: no end. */
  endsOn?: string | null;
}

export interface Occurrence {
  at: Date;
  /** The local day and time it was planned for, "YYYY-MM-DDTHH:MM": the occurrence's identity. */
  localSlot: string;
}

/** Wall days (days since 1970-01-01 on the local calendar) and their "YYYY-MM-DD" spelling. */
export const dayOf = (isoDate: string) => Math.floor(Date.UTC(+isoDate.slice(0, 4), +isoDate.slice(5, 7) - 1, +isoDate.slice(8, 10)) / DAY);
export const isoOfDay = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);
/** ISO weekday of a wall day: 1970-01-01 was a Thursday (4). */
export const weekdayOf = (day: number) => ((((day + 3) % 7) + 7) % 7) + 1;
export const localDayOf = (instant: Date, timeZone: string) => localMidnight(instant.getTime(), timeZone) / DAY;

/**
 * The instant a step planned for local `day` at `time` happens. A local time the clocks skip (02:30 on the
 * night New York springs forward) happens at the jump, 03:00 new time; a local time the clocks repeat
 * (01:30 on the night they fall back) happens once, at its first occurrence.
 */
export function instantOf(day: number, time: string, timeZone: string): Date {
  return new Date(firstInstantAtOrAfter(day * DAY + minutesOf(time) * 60_000, timeZone));
}

/**
 * The local days a step may fire on, from `fromDay` on, in order. Only `fromDay` itself can hold an
 * occurrence that is not after the caller's instant, so a week and a day always reach the next one.
 */
function* candidateDays(r: Recurrence, fromDay: number, openedDay: number): Generator<number> {
  switch (r.kind) {
    case 'daily':
    case 'weekdays':
      for (let d = fromDay; d <= fromDay + 8; d++) if (r.kind === 'daily' || r.days.includes(weekdayOf(d))) yield d;
      return;
    case 'dates':
      for (const d of [...new Set(r.dates.map(dayOf))].sort((a, b) => a - b)) if (d >= fromDay) yield d;
      return;
    case 'after_open':
      for (const n of [...new Set(r.days)].sort((a, b) => a - b)) if (openedDay + n >= fromDay) yield openedDay + n;
      return;
  }
}

/**
 * Pure: the step's first occurrence strictly after `after` for a community that opened at `openedAt`, or null
 * when it has no more. An `after_open` occurrence earlier than the opening itself (a day-0 step at 10:00 in a
 * group opened at 14:00) happens at the opening: the group did not exist at 10:00, and its welcome is owed.
 */
export function nextOccurrence(step: StepSchedule, openedAt: Date, timeZone: string, after: Date): Occurrence | null {
  const endDay = step.endsOn ? dayOf(step.endsOn) : Infinity;
  const openedDay = localDayOf(openedAt, timeZone);
  // The occurrence of a local day is never before that day's first instant, so no earlier day can be after `after`.
  const fromDay = localDayOf(after, timeZone);
  for (const day of candidateDays(step.recurrence, fromDay, openedDay)) {
    if (day > endDay) return null;
    let at = instantOf(day, step.time, timeZone);
    if (step.recurrence.kind === 'after_open' && at < openedAt) at = openedAt;
    if (at > after) return { at, localSlot: `${isoOfDay(day)}T${step.time}` };
  }
  return null;
}

/** Every occurrence with `from <= at < to`, in order (the calendar); at most `limit`. */
export function occurrencesBetween(step: StepSchedule, openedAt: Date, timeZone: string, from: Date, to: Date, limit = 1000): Occurrence[] {
  const out: Occurrence[] = [];
  let next = nextOccurrence(step, openedAt, timeZone, new Date(from.getTime() - 1));
  while (next && next.at < to && out.length < limit) {
    out.push(next);
    next = nextOccurrence(step, openedAt, timeZone, next.at);
  }
  return out;
}
