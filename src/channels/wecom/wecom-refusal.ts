import { AppError } from '../../core/errors.js';
import { WecomApiError } from './api-client.js';

/**
 * What an operator sees when WeCom says no to a change: WeCom's answer in plain words (`explain`), under the
 * field `wecom` so the console shows it beside the form. Anything that is not a WeCom answer passes through.
 */
export function wecomRefusal(err: unknown): unknown {
  if (!(err instanceof WecomApiError)) return err;
  const message = `WeCom refused: ${err.message}`;
  // Still rate-limited after the client's own backoff: the caller may try again in a moment.
  if (err.code === 45009 || err.code === 45033) return new AppError('rate_limited', message, [{ path: 'wecom', message }]);
  return new AppError('conflict', message, [{ path: 'wecom', message }]);
}
