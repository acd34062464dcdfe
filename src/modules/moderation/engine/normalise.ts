import { createHash } from 'node:crypto';
import { Converter } from 'opencc-js/t2cn';

/**
 * Text normalisation for matching. Spammers dodge filters by writing the same words in full-width letters,
 * traditional characters, upper case, or with filler between the characters (`加 V`, `威 信`, `w*x`, emoji,
 * zero-width spaces). Every view keeps `offsets[i]`: the UTF-16 index in the original text of the character
 * that produced normalised position i, so a finding can quote what the member actually wrote.
 *
 * Two views:
 *  - `fold`: character-level folding only (width, case, traditional → simplified, circled digits/letters).
 *    Separators stay, because links (`abc.com`) and grouped digits (`138 0013 8000`) need them.
 *  - `normalise`: the fold with separators and filler removed and a few look-alike spellings replaced by a
 *    canonical form (威信/vx/wx → 微信, 扣扣 → qq, ➕/+ → 加). Word lists and contact cues match this view.
 */
export interface Normalised { text: string; offsets: number[] }

// opencc-js converts whole phrases; per character is enough here (a filter compares characters, not prose)
// and keeps the 1:1 mapping offsets rely on. Results are cached per code point.
const toSimplified = Converter({ from: 't', to: 'cn' });

/** What one code point folds to; `sep` marks filler that `normalise` drops. */
interface Folded { out: string; sep: boolean }
const cache = new Map<number, Folded>();

const SEPARATOR = /^[\s\p{P}\p{S}\p{Cf}\p{Mn}\p{Me}\p{Extended_Pictographic}\p{Co}]$/u;
// Symbols that carry meaning for the contacts cues: plus signs read as 加 ("+V", "➕微").
const PLUS = new Set([0x2b, 0x2795, 0xfe62, 0x271a]);

function foldCodePoint(cp: number): Folded {
  // Full-width ASCII → ASCII, ideographic space → space.
  if (cp >= 0xff01 && cp <= 0xff5e) cp -= 0xfee0;
  else if (cp === 0x3000) cp = 0x20;
  if (PLUS.has(cp)) return { out: '加', sep: false };
  // Circled / parenthesised / dingbat digits ①..⑨ ⑴..⑼ ❶..❾ ➀..➉ → 1..9, ⓪ → 0.
  if (cp >= 0x2460 && cp <= 0x2468) return { out: String(cp - 0x245f), sep: false };
  if (cp >= 0x2474 && cp <= 0x247c) return { out: String(cp - 0x2473), sep: false };
  if (cp >= 0x2488 && cp <= 0x2490) return { out: String(cp - 0x2487), sep: false };
  if (cp >= 0x2776 && cp <= 0x277e) return { out: String(cp - 0x2775), sep: false };
  if (cp >= 0x2780 && cp <= 0x2788) return { out: String(cp - 0x277f), sep: false };
  if (cp >= 0x278a && cp <= 0x2792) return { out: String(cp - 0x2789), sep: false };
  if (cp === 0x24ea || cp === 0x24ff) return { out: '0', sep: false };
  // Circled letters Ⓐ..Ⓩ ⓐ..ⓩ → a..z.
  if (cp >= 0x24b6 && cp <= 0x24cf) return { out: String.fromCharCode(cp - 0x24b6 + 97), sep: false };
  if (cp >= 0x24d0 && cp <= 0x24e9) return { out: String.fromCharCode(cp - 0x24d0 + 97), sep: false };
  const ch = String.fromCodePoint(cp);
  if (SEPARATOR.test(ch)) return { out: ch === '\u3000' ? ' ' : ch, sep: true };
  if (cp < 0x80) return { out: ch.toLowerCase(), sep: false };
  // CJK ideographs (BMP blocks, compatibility block, supplementary planes): traditional → simplified.
  if ((cp >= 0x3400 && cp <= 0x9fff) || (cp >= 0xf900 && cp <= 0xfaff) || cp >= 0x20000) {
    const simplified = toSimplified(ch);
    return { out: [...simplified].length === 1 ? simplified : ch, sep: false };
  }
  const lower = ch.toLowerCase();
  return { out: [...lower].length === 1 ? lower : ch, sep: false };
}

// The BMP (every character chat text uses in practice) goes through two flat tables filled on first sight:
// the folded code unit, and 0 = not seen yet, 1 = kept, 2 = separator. Every BMP character folds to exactly
// one code unit (the fold rules above make sure of that), so a table lookup replaces a Map lookup per char.
const BMP_OUT = new Uint16Array(0x10000);
const BMP_STATE = new Uint8Array(0x10000);

function folded_(cp: number): Folded {
  let f = cache.get(cp);
  if (!f) {
    f = foldCodePoint(cp);
    if (cache.size < 200_000) cache.set(cp, f);
  }
  return f;
}

function bmpState(c: number): number {
  let state = BMP_STATE[c];
  if (state === 0) {
    const f = foldCodePoint(c);
    if (f.out.length !== 1) return 3; // not a single unit (never, by construction): take the slow path
    BMP_OUT[c] = f.out.charCodeAt(0);
    state = BMP_STATE[c] = f.sep ? 2 : 1;
  }
  return state;
}

/** One pass over the code points, producing the folded view and (before canonicalising) the stripped one. */
function build(text: string): { folded: Normalised; stripped: Normalised } {
  let folded = '';
  let stripped = '';
  const foldedOffsets: number[] = [];
  const strippedOffsets: number[] = [];
  for (let i = 0; i < text.length;) {
    const c = text.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) {
      const state = bmpState(c);
      if (state !== 3) {
        const out = String.fromCharCode(BMP_OUT[c]);
        folded += out;
        foldedOffsets.push(i);
        if (state === 1) { stripped += out; strippedOffsets.push(i); }
        i++;
        continue;
      }
    }
    const cp = text.codePointAt(i)!;
    const f = folded_(cp);
    folded += f.out;
    if (!f.sep) stripped += f.out;
    for (let k = 0; k < f.out.length; k++) {
      foldedOffsets.push(i);
      if (!f.sep) strippedOffsets.push(i);
    }
    i += cp > 0xffff ? 2 : 1;
  }
  return { folded: { text: folded, offsets: foldedOffsets }, stripped: { text: stripped, offsets: strippedOffsets } };
}

/** Both views of a message at once (what the evaluator uses: one pass instead of two). */
export function views(text: string): { folded: Normalised; normalised: Normalised } {
  const { folded, stripped } = build(text);
  return { folded, normalised: canonicalise(stripped) };
}

/** Character-level folding only; separators kept (see the module comment). */
export function fold(text: string): Normalised {
  return build(text).folded;
}

/**
 * Look-alike spellings of the contact words, folded to one canonical form after separators are gone, so
 * `威 信`, `V信`, `w x`, `weixin` and `微信` all read `微信`. Longest first so `weixin` wins over `wx`.
 * Kept short on purpose: each entry is a spelling seen in group spam, and every one could also hit normal
 * text, so only spellings that hardly ever mean anything else are here.
 */
const LOOKALIKES: [string, string][] = ([
  ['weixin', '微信'], ['wechat', '微信'], ['威信', '微信'], ['薇信', '微信'], ['微芯', '微信'], ['徽信', '微信'],
  ['危信', '微信'], ['嶶信', '微信'], ['v信', '微信'], ['微v', '微信'], ['vx', '微信'], ['wx', '微信'], ['薇', '微'],
  ['扣扣', 'qq'], ['抠抠', 'qq'], ['蔻蔻', 'qq'],
] as [string, string][]).sort((a, b) => b[0].length - a[0].length);
const LOOKALIKE_FIRST = new Set(LOOKALIKES.map(([from]) => from.charCodeAt(0)));

function canonicalise(n: Normalised): Normalised {
  const { text, offsets } = n;
  let out = '';
  const outOffsets: number[] = [];
  for (let i = 0; i < text.length;) {
    if (LOOKALIKE_FIRST.has(text.charCodeAt(i))) {
      const hit = LOOKALIKES.find(([from]) => text.startsWith(from, i));
      if (hit) {
        // Each canonical character points at the original span's start, the last at its last character,
        // so a quoted span that ends inside the look-alike still ends at the right original character.
        for (let k = 0; k < hit[1].length; k++) outOffsets.push(offsets[k === hit[1].length - 1 ? i + hit[0].length - 1 : i]);
        out += hit[1];
        i += hit[0].length;
        continue;
      }
    }
    out += text[i];
    outOffsets.push(offsets[i]);
    i++;
  }
  return { text: out, offsets: outOffsets };
}

/** The matching view: folded, separators and filler removed, look-alikes canonicalised. */
export function normalise(text: string): Normalised {
  return canonicalise(build(text).stripped);
}

/** The original text behind normalised positions [start, end): what evidence quotes. */
export function originalSpan(original: string, n: Normalised, start: number, end: number): string {
  if (end <= start) return '';
  const from = n.offsets[start];
  const last = n.offsets[end - 1];
  const width = original.codePointAt(last)! > 0xffff ? 2 : 1;
  return original.slice(from, last + width);
}

/**
 * A short hash of the normalised text, for repeat detection across groups: the same ad re-spaced, re-punctuated
 * or in traditional characters has the same fingerprint; a changed digit or link does not. Empty when the
 * message has no text left (an image alone), so image-only messages are never counted as repeats of each other.
 */
export function fingerprint(text: string): string {
  const n = normalise(text).text;
  if (!n) return '';
  return createHash('sha1').update(n).digest('base64url').slice(0, 16);
}
