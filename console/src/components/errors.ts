import type { FormInstance } from 'antd';
import { ApiError } from '../api.js';
import type { Translate } from '../i18n/index.js';

/** The server's own message when there is one; our words only for failures that never reached it. */
export function errorText(err: unknown, t: Translate): string {
  if (err instanceof ApiError) {
    if (err.status === 0 && err.code === 'network') return t('error.network');
    if (err.code === 'rate_limited') {
      return err.retryAfter ? t('error.rateLimitedWait', { seconds: err.retryAfter }) : t('error.rateLimited');
    }
    if (err.status >= 500) return err.message ? `${t('error.server')} (${err.message})` : t('error.server');
    return err.message || t('error.unknown');
  }
  return err instanceof Error && err.message ? err.message : t('error.unknown');
}

/**
 * Puts the API's `fields` errors under the matching form inputs ("tags.2" lands on "tags"). Returns true when
 * every field error found a home, so the caller only toasts what the form could not show.
 */
export function applyFieldErrors(form: FormInstance, err: unknown, names: string[]): boolean {
  if (!(err instanceof ApiError) || err.fields.length === 0) return false;
  const byName = new Map<string, string[]>();
  let unplaced = false;
  for (const f of err.fields) {
    const head = String(f.path ?? '').replace(/^body\.?/, '').split(/[.[\]/]/).filter(Boolean)[0] ?? '';
    if (!names.includes(head)) {
      unplaced = true;
      continue;
    }
    byName.set(head, [...(byName.get(head) ?? []), f.message]);
  }
  form.setFields([...byName].map(([name, errors]) => ({ name, errors })));
  return !unplaced;
}

/**
 * applyFieldErrors for forms whose inputs sit deeper than the API's top-level names (a prize's weight at
 * prizes.0.weight): `fieldOf` maps an API path to the input's name path, or null when the form has none.
 * True only when every error found its input; otherwise nothing is placed and the caller toasts.
 */
export function placeFieldErrors(form: FormInstance, err: unknown, fieldOf: (path: string) => (string | number)[] | null): boolean {
  if (!(err instanceof ApiError) || err.fields.length === 0) return false;
  const placed = err.fields.map((f) => ({ name: fieldOf(String(f.path ?? '')), errors: [f.message] }));
  if (placed.some((p) => p.name === null)) return false;
  form.setFields(placed as { name: (string | number)[]; errors: string[] }[]);
  return true;
}
