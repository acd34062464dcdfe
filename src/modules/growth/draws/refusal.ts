import { AppError } from '../../../core/errors.js';
import type { Eligibility } from './eligibility.js';

/** A draw refused, as a 409 naming the field the member or operator would look at. */
export function refusal(e: Eligibility): AppError {
  const [path, message] = ((): [string, string] => {
    switch (e.reason) {
      case 'not_open': return ['status', 'the draw is not open'];
      case 'not_started': return ['startsAt', 'the draw has not started yet'];
      case 'ended': return ['endsAt', 'the draw has ended'];
      case 'unit_used': return ['memberId', e.unitKey === 'draw' ? 'the member has drawn in this draw already' : `the member has drawn on ${e.unitKey} already`];
      case 'check_in_days': return ['minCheckInDays', `the member checked in on ${e.checkInDays} days of the window, fewer than needed`];
      case 'segment': return ['segment', 'the member is not in the draw\'s segment'];
      case 'points': return ['amount', `the balance is ${e.balance}, fewer than the draw costs`];
      default: return ['prizes', 'no prize has stock left'];
    }
  })();
  return new AppError('conflict', `draw: ${message}`, [{ path, message }]);
}
