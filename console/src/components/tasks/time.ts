import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc.js';
import timezone from 'dayjs/plugin/timezone.js';
import relativeTime from 'dayjs/plugin/relativeTime.js';

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.extend(relativeTime);

/**
 * The last instant of today in the workspace's time zone: "due today" is the workspace's day, like every
 * day the numbers use, so an operator abroad sees the same list as the team.
 */
export function endOfToday(zone: string | undefined): string {
  try {
    return (zone ? dayjs().tz(zone) : dayjs()).endOf('day').toISOString();
  } catch {
    return dayjs().endOf('day').toISOString();
  }
}

/** "in 3 hours", "2 天前", in the language dayjs is set to. */
export const fromNow = (value: string) => dayjs(value).fromNow();

export const isOverdue = (value: string) => dayjs(value).isBefore(dayjs());
