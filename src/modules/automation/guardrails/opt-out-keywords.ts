/**
 * How a message is compared with the opt-out keywords: the whole text, trimmed, under Unicode
 * compatibility normalisation (full-width "ＴＤ" typed on a Chinese keyboard is "TD") and ignoring case.
 */
export const normaliseForKeyword = (text: string) => text.normalize('NFKC').trim().toLowerCase();

/** The configured keyword a message equals, or null. */
export function matchOptOutKeyword(text: string | undefined, keywords: readonly string[]): string | null {
  if (typeof text !== 'string' || text.length > 200) return null;
  const said = normaliseForKeyword(text);
  if (!said) return null;
  return keywords.find((k) => normaliseForKeyword(k) === said) ?? null;
}
