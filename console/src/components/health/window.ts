import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc.js';
import timezone from 'dayjs/plugin/timezone.js';

dayjs.extend(utc);
dayjs.extend(timezone);

export interface HealthWindow { from: string; to: string; firstDay: string; lastDay: string }

/**
 * The last `days` local days of the workspace, today included: the same days the daily series show.
 * Bounds fall on local midnights, so the report reads whole days (the day rollups) and a calendar date
 * is shifted as a date, never as 24 hours, which a daylight-saving change would break.
 */
export function lastDays(days: number, zone: string, now = new Date()): HealthWindow {
  let today: string;
  try {
    today = dayjs(now).tz(zone).format('YYYY-MM-DD');
  } catch {
    today = dayjs(now).format('YYYY-MM-DD'); // an unknown zone name: the browser's day is the best guess
  }
  const firstDay = dayjs(today).subtract(days - 1, 'day').format('YYYY-MM-DD');
  const tomorrow = dayjs(today).add(1, 'day').format('YYYY-MM-DD');
  const midnight = (day: string) => {
    try {
      return dayjs.tz(day, zone).toISOString();
    } catch {
      return dayjs(day).toISOString();
    }
  };
  return { from: midnight(firstDay), to: midnight(tomorrow), firstDay, lastDay: today };
}
