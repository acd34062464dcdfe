import { invalid } from '../../../core/errors.js';
import { daysBetween } from './days.js';

export const MAX_RANGE_DAYS = 366;

/** Checks a from/to pair of local days (both included): in order and at most a leap year long. */
export function checkRange(from: string, to: string): void {
  if (from > to) throw invalid('from', 'must not be after to');
  if (daysBetween(from, to) + 1 > MAX_RANGE_DAYS) throw invalid('from', `the range is at most ${MAX_RANGE_DAYS} days`);
}
