import type { FormInstance } from 'antd';
import { ApiError } from '../../api.js';

/**
 * Puts the server's field errors ("variants[1].content.text", "name") under the matching inputs of the
 * template form. Answers the variant index of the first error, so the editor can open that tab, and whether
 * every error found an input.
 */
export function applyTemplateErrors(form: FormInstance, err: unknown): { placed: boolean; variant: number | null } {
  if (!(err instanceof ApiError) || err.fields.length === 0) return { placed: false, variant: null };
  let placed = true;
  let variant: number | null = null;
  const byPath = new Map<string, { name: (string | number)[]; errors: string[] }>();
  for (const f of err.fields) {
    const parts = f.path.replace(/^body\.?/, '').split(/[.[\]]/).filter(Boolean).map((p) => (/^\d+$/.test(p) ? Number(p) : p));
    if (parts[0] === 'variants' && typeof parts[1] === 'number') variant ??= parts[1];
    const known = parts[0] === 'name' || (parts[0] === 'variants' && parts.length >= 3);
    if (!known) { placed = false; continue; }
    const key = parts.join('.');
    const entry = byPath.get(key) ?? { name: parts, errors: [] };
    entry.errors.push(f.message);
    byPath.set(key, entry);
  }
  form.setFields([...byPath.values()]);
  return { placed, variant };
}
