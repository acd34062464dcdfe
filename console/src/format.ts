import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc.js';
import timezone from 'dayjs/plugin/timezone.js';

dayjs.extend(utc);
dayjs.extend(timezone);

// Days in the API are calendar days of the workspace's time zone, so times are shown in that zone too:
// an operator abroad sees the same "today" as the numbers do.
let displayZone: string | null = null;

export function setDisplayTimeZone(zone: string | null): void {
  displayZone = zone;
}

function inZone(value: string | Date) {
  const d = dayjs(value);
  if (!displayZone) return d;
  try {
    return d.tz(displayZone);
  } catch {
    return d;
  }
}

export function formatTime(value: string | Date | null | undefined): string {
  if (!value) return '—';
  return inZone(value).format('YYYY-MM-DD HH:mm');
}

export function formatClock(value: string | Date): string {
  return inZone(value).format('MM-DD HH:mm');
}

/** "2026-11-01" → "11-01" for chart axes. */
export function shortDay(day: string): string {
  return day.length >= 10 ? day.slice(5, 10) : day;
}

export function formatNumber(n: number | null | undefined): string {
  return typeof n === 'number' ? n.toLocaleString() : '—';
}

/** Today's date (YYYY-MM-DD) in the workspace's time zone, the calendar the API's day ranges use. */
export function workspaceToday(): string {
  return inZone(new Date()).format('YYYY-MM-DD');
}
