import { sql, type SQL } from '../../db/client.js';

/**
 * How much a message says once links and emoji are taken out (docs/metrics.md, "substantive").
 * The patterns are written once here and run by two engines: JavaScript (unit tests, callers holding a
 * text) and PostgreSQL (the metrics, so message texts never leave the database). Both only see literal
 * characters and ranges, no engine-specific classes such as \s or \p, so they agree; a test checks it.
 */

export const SUBSTANTIVE_MIN_LENGTH = 20;

/** JavaScript's \s set, spelled out because PostgreSQL's \s depends on the server locale. */
const WHITESPACE = '\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff';

/**
 * A link starts with http://, https:// or www. (any case, not glued to a preceding letter or digit) and
 * runs over printable ASCII; so Chinese text right after a link ("看https://x.cn/a很好") stays text.
 */
const URL_PATTERN = '(?<![0-9A-Za-z])(?:[Hh][Tt][Tt][Pp][Ss]?://|[Ww][Ww][Ww]\\.)[!-~]*';

/**
 * Characters that only build emoji, besides Extended_Pictographic itself: variation selectors, zero
 * width joiner, combining keycap, skin-tone modifiers, regional indicators (flags) and tag characters
 * (subdivision flags). Removing them one by one removes whole ZWJ sequences, flags and keycaps
 * (a keycap "1️⃣" leaves its "1").
 */
const EMOJI_PARTS: [number, number][] = [
  [0xfe00, 0xfe0f], [0x200d, 0x200d], [0x20e3, 0x20e3], [0x1f3fb, 0x1f3ff], [0x1f1e6, 0x1f1ff], [0xe0020, 0xe007f],
];

let emojiClass: string | undefined;

/** A bracket expression of every emoji code point, per the Unicode version of the running Node. */
function emojiPattern(): string {
  if (emojiClass) return emojiClass;
  const pictographic = /\p{Extended_Pictographic}/u;
  const ranges: [number, number][] = [...EMOJI_PARTS];
  let start = -1;
  for (let c = 0; c <= 0x110000; c++) {
    const hit = c < 0x110000 && pictographic.test(String.fromCodePoint(c));
    if (hit && start < 0) start = c;
    if (!hit && start >= 0) { ranges.push([start, c - 1]); start = -1; }
  }
  const ch = (c: number) => String.fromCodePoint(c);
  emojiClass = `[${ranges.map(([a, b]) => (a === b ? ch(a) : `${ch(a)}-${ch(b)}`)).join('')}]`;
  return emojiClass;
}

let jsPatterns: { url: RegExp; emoji: RegExp; space: RegExp } | undefined;

/** Code points left after removing links and emoji, collapsing whitespace runs to one space and trimming. */
export function substantiveLength(text: string | null | undefined): number {
  if (!text) return 0;
  jsPatterns ??= { url: new RegExp(URL_PATTERN, 'gu'), emoji: new RegExp(emojiPattern(), 'gu'), space: new RegExp(`[${WHITESPACE}]+`, 'gu') };
  const left = text.replace(jsPatterns.url, '').replace(jsPatterns.emoji, '').replace(jsPatterns.space, ' ').replace(/^ | $/g, '');
  return [...left].length;
}

export const isSubstantiveText = (text: string | null | undefined) => substantiveLength(text) >= SUBSTANTIVE_MIN_LENGTH;

/** The same length computed by PostgreSQL on a text expression (null counts as empty). */
export function substantiveLengthSql(text: SQL): SQL {
  return sql`char_length(btrim(regexp_replace(regexp_replace(regexp_replace(coalesce(${text}, ''),
    ${URL_PATTERN}::text, '', 'g'), ${emojiPattern()}::text, '', 'g'), ${`[${WHITESPACE}]+`}::text, ' ', 'g'), ' '))`;
}
