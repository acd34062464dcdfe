import { addDays, dayStart, localDay, monthDays } from '../check-in/days.js';

/** One period of a leaderboard: local days, both included. */
export interface Period { key: string; from: string; to: string }
export type PeriodDef = { kind: 'monthly' } | { kind: 'custom'; from: string; to: string };

export function monthPeriod(month: string): Period {
  const { first, last } = monthDays(month);
  return { key: month, from: first, to: last };
}
export const customPeriod = (from: string, to: string): Period => ({ key: `${from}..${to}`, from, to });

/** The period a local day belongs to: its month, or the custom board's only period. */
export const periodOn = (def: PeriodDef, day: string): Period => (def.kind === 'monthly' ? monthPeriod(day.slice(0, 7)) : customPeriod(def.from, def.to));

/** When a period is over: the first instant of the day after its last. */
export const closesAt = (p: Period, timeZone: string): Date => dayStart(addDays(p.to, 1), timeZone);

const nextMonth = (month: string) => {
  const d = new Date(Date.UTC(+month.slice(0, 4), +month.slice(5, 7), 1));
  return d.toISOString().slice(0, 7);
};

export interface Schedule {
  period: PeriodDef;
  enabled: boolean;
  /** When the board was last switched on; null while it is off. */
  enabledSince: Date | null;
}

/**
 * Pure: the periods owed a settlement at `now`, oldest first. A period is owed once it has closed and
 * is not in `settled`. A monthly board owes the months that closed while it was on (after enabledSince):
 * a board switched back on does not pay out the months it was off, and a new board starts with the month
 * it was created in. A custom board has one period; it is owed whenever it has closed and the board is on,
 * so a board made after the fact (last week's competition) still settles.
 */
export function duePeriods(board: Schedule, settled: ReadonlySet<string>, now: Date, timeZone: string): Period[] {
  if (!board.enabled || !board.enabledSince) return [];
  if (board.period.kind === 'custom') {
    const p = customPeriod(board.period.from, board.period.to);
    return closesAt(p, timeZone) <= now && !settled.has(p.key) ? [p] : [];
  }
  const due: Period[] = [];
  for (let month = localDay(board.enabledSince, timeZone).slice(0, 7); ; month = nextMonth(month)) {
    const p = monthPeriod(month);
    const end = closesAt(p, timeZone);
    if (end > now) break;
    if (end > board.enabledSince && !settled.has(p.key)) due.push(p);
  }
  return due;
}
