import { normalise } from './normalise.js';
import type { WordTerm } from './types.js';

/**
 * The word-list import format (plain text, UTF-8, a BOM is ignored):
 *
 *   # a comment line                 ignored, as are blank lines
 *   加微信                            a term in the default category
 *   代开发票<TAB>ads                  a term and its category after the first tab,
 *   博彩,gambling                     or else after the first `,` / `，`,
 *   赌场|gambling                     or else after the first `|`
 *
 * So a term cannot contain a tab, comma or `|`. Categories are letters, digits, `_` or `-` (lower-cased).
 * Surrounding spaces are trimmed. Duplicates (the same term after normalisation, in the same category) are
 * merged; the same term in two categories stays as two terms, so a match reports both. Lines over 100
 * characters, terms that normalise to nothing (`***`) and bad categories are reported with their line number
 * and skipped, so one bad line does not reject a list of 20,000.
 */
export interface WordListParse { terms: WordTerm[]; errors: { line: number; message: string }[] }

const MAX_LINE = 100;
const CATEGORY = /^[\p{L}\p{N}_-]{1,40}$/u;

export function parseWordList(text: string, defaultCategory = 'default'): WordListParse {
  const terms: WordTerm[] = [];
  const errors: WordListParse['errors'] = [];
  const seen = new Set<string>();
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n|\r/);
  lines.forEach((rawLine, i) => {
    const line = i + 1;
    const trimmed = rawLine.trim();
    if (!trimmed || trimmed.startsWith('#')) return;
    if ([...trimmed].length > MAX_LINE) {
      errors.push({ line, message: `line is longer than ${MAX_LINE} characters` });
      return;
    }
    const sep = trimmed.includes('\t') ? /\t/ : /[,，]/.test(trimmed) ? /[,，]/ : trimmed.includes('|') ? /\|/ : null;
    let term = trimmed;
    let category = defaultCategory;
    if (sep) {
      const at = trimmed.search(sep);
      term = trimmed.slice(0, at).trim();
      category = trimmed.slice(at + 1).trim().toLowerCase() || defaultCategory;
    }
    if (!term) {
      errors.push({ line, message: 'no term before the category' });
      return;
    }
    if (!CATEGORY.test(category)) {
      errors.push({ line, message: `bad category "${category}" (letters, digits, _ or - only)` });
      return;
    }
    const key = normalise(term).text;
    if (!key) {
      errors.push({ line, message: `"${term}" has nothing left to match after normalisation (only spaces, punctuation or emoji)` });
      return;
    }
    const id = `${category}\u0000${key}`;
    if (seen.has(id)) return;
    seen.add(id);
    terms.push({ term, category });
  });
  return { terms, errors };
}
