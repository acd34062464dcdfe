import { invalid } from '../../../core/errors.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The member-facing verbs are called by the member pages with ids from a URL, past no route schema: a
 * malformed one is a 400 naming it, not a database cast error.
 */
export function checkId(path: string, value: unknown): string {
  if (typeof value !== 'string' || !UUID.test(value)) throw invalid(path, 'must be an id');
  return value;
}
