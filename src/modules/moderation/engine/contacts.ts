import type { Normalised } from './normalise.js';

/**
 * Contact details: phone numbers and WeChat / QQ IDs.
 *
 * Phones are read from the folded view (separators kept) as runs of digit groups: a group is consecutive
 * digit-like characters (ASCII, full-width already folded, circled already folded, Chinese 〇一二…九 and
 * 零壹贰…玖), and groups join when at most three separator characters stand between them (`138 0013 8000`,
 * `138-0013-8000`, `1 3 8 …`). A mobile number is a run of whole groups adding up to 11 digits `1[3-9]…`
 * (or 13 with a leading 86): whole groups only, so the 11 digits inside a 19-digit order number or a
 * `2024-05-12 13:00` date never count, and prices (`¥1380`) are far too short.
 * IDs are read from the normalised view, after a cue (微信 in all its canonicalised spellings, 加v, qq, 企鹅).
 */
export interface ContactHit { category: 'phone' | 'landline' | 'wechat_id' | 'qq'; start: number; end: number }

const CN_DIGITS: Record<string, number> = {
  '〇': 0, '零': 0, '一': 1, '二': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9,
  '壹': 1, '贰': 2, '叁': 3, '肆': 4, '伍': 5, '陆': 6, '柒': 7, '捌': 8, '玖': 9, 'o': 0,
};
// Per code unit: the digit value, or -1. A table because this runs on every character of every message.
const DIGIT = new Map<number, number>(Object.entries(CN_DIGITS).map(([c, v]) => [c.charCodeAt(0), v]));
for (let d = 0; d <= 9; d++) DIGIT.set(48 + d, d);
const GROUP_SEPARATOR = new Set([...' \t\n-_.·•*|/\\~,，、:：()（）[]【】+'].map((c) => c.charCodeAt(0)));
const O = 'o'.charCodeAt(0);

interface Group { digits: string; start: number; end: number; ascii: number }

function digitGroups(text: string): Group[][] {
  const runs: Group[][] = [];
  let run: Group[] = [];
  let gap = 0;
  for (let i = 0; i < text.length;) {
    const c = text.charCodeAt(i);
    // A lone `o` is a letter; inside or after a digit group it is a dodged 0 (`138o0138000`).
    if (DIGIT.has(c) && !(c === O && run.length === 0)) {
      let digits = '';
      let ascii = 0;
      const start = i;
      for (; i < text.length; i++) {
        const v = DIGIT.get(text.charCodeAt(i));
        if (v === undefined) break;
        if (text.charCodeAt(i) - 48 === v) ascii++;
        digits += v;
      }
      run.push({ digits, start, end: i, ascii });
      gap = 0;
      continue;
    }
    if (run.length && GROUP_SEPARATOR.has(c) && ++gap <= 3) { i++; continue; }
    if (run.length) runs.push(run);
    run = [];
    gap = 0;
    i++;
  }
  if (run.length) runs.push(run);
  return runs;
}

const MOBILE = /^(?:86)?1[3-9]\d{9}$/;

// Landlines (area code 010, 02x or 0xxx, then a local number not starting 0/1) and 400/800 service numbers.
const LANDLINE = /^(?:0(?:10|2\d|[3-9]\d{2})[2-9]\d{6,7}|[48]00\d{7})$/;

/**
 * Runs of whole digit groups that read as a number: mobiles (11 digits `1[3-9]…`, or 13 with 86) and
 * landlines. A run of Chinese numerals alone is prose (一二三四五…) unless it is a whole number; mixing in at
 * least three ASCII digits or reaching 11 digits makes it a number.
 */
function findNumbers(folded: Normalised): ContactHit[] {
  const out: ContactHit[] = [];
  for (const run of digitGroups(folded.text)) {
    for (let i = 0; i < run.length; i++) {
      let digits = '';
      let ascii = 0;
      for (let j = i; j < run.length && digits.length < 13; j++) {
        digits += run[j].digits;
        ascii += run[j].ascii;
        const category = MOBILE.test(digits) ? 'phone' : LANDLINE.test(digits) ? 'landline' : null;
        if (category && (ascii >= 3 || digits.length >= 11)) {
          out.push({ category, start: run[i].start, end: run[j].end });
          i = j;
          break;
        }
      }
    }
  }
  return out;
}

/*
 * IDs follow a cue. The cue is found in the normalised view (so `威 信`, `w x`, `➕V`, `扣扣` all read as one
 * canonical cue); the ID itself is then read from the folded view just after the cue, where it is still as
 * written: `_` and `-` kept, and `wx_123abc` not canonicalised into `微信_123abc`. A few filler words may
 * stand between cue and ID (`加V了解 abc123`, `微信号是：abc123`).
 * WeChat IDs are 6-20 characters, a letter first, then letters, digits, `_` or `-`; a mobile number also
 * serves as one. QQ numbers are 5-11 digits, not starting with 0.
 */
// Alternatives are tried left to right at each position, so a short cue must not swallow the start of a
// longer one (`加微` inside `加微信`, `加q` inside `加qq`): hence the lookaheads.
const WECHAT_CUE = /微信|加v|v号|加微(?!信)|wxid/g;
const QQ_CUE = /qq群?|企鹅号?|q群|加q(?!q)|扣(?!扣)/g;
// Between cue and ID: separators, emoji and zero-width filler, and at most two filler words (`号是`).
const FILLER = String.raw`[\s\p{P}\p{S}\p{Cf}\p{Mn}]*(?:(?:号码?|是|为|搜索?|了解|咨询|联系|详聊|私聊|进|同号)[\s\p{P}\p{S}\p{Cf}\p{Mn}]*){0,2}`;
const WECHAT_ID = new RegExp(`${FILLER}((?:wxid_)?[a-z][a-z0-9_-]{5,19}|1[3-9]\\d{9})(?![a-z0-9_-])`, 'yu');
const QQ_ID = new RegExp(`${FILLER}([1-9]\\d{4,10})(?!\\d)`, 'yu');
// `v:abc123`, `q：12345678`: a bare v or q counts only with the colon, or every `v` before a word would.
const V_COLON = /(?<![a-z0-9])v\s*[:：]\s*([a-z][a-z0-9_-]{5,19})(?![a-z0-9_-])/g;
const Q_COLON = /(?<![a-z0-9])q\s*[:：]\s*([1-9]\d{4,10})(?!\d)/g;

function colonHits(folded: Normalised, re: RegExp, category: ContactHit['category']): ContactHit[] {
  return [...folded.text.matchAll(re)].map((m) => {
    const start = (m.index ?? 0) + m[0].length - m[1].length;
    return { category, start, end: start + m[1].length };
  });
}

/** The first folded position at or after original index `at` (offsets are non-decreasing). */
function foldedIndexAt(folded: Normalised, at: number): number {
  let lo = 0, hi = folded.offsets.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (folded.offsets[mid] < at) lo = mid + 1; else hi = mid;
  }
  return lo;
}

function cueHits(folded: Normalised, normalised: Normalised, cue: RegExp, id: RegExp, category: ContactHit['category']): ContactHit[] {
  const out: ContactHit[] = [];
  for (const m of normalised.text.matchAll(cue)) {
    const lastCue = (m.index ?? 0) + m[0].length - 1;
    const afterCue = normalised.offsets[lastCue] + (normalised.text.codePointAt(lastCue)! > 0xffff ? 2 : 1);
    id.lastIndex = foldedIndexAt(folded, afterCue);
    const hit = id.exec(folded.text);
    if (hit) out.push({ category, start: hit.index + hit[0].length - hit[1].length, end: hit.index + hit[0].length });
  }
  return out;
}

/** All contact details, as positions in the folded view. */
export function findContacts(folded: Normalised, normalised: Normalised): ContactHit[] {
  return [
    ...findNumbers(folded),
    ...cueHits(folded, normalised, WECHAT_CUE, WECHAT_ID, 'wechat_id'),
    ...colonHits(folded, V_COLON, 'wechat_id'),
    ...cueHits(folded, normalised, QQ_CUE, QQ_ID, 'qq'),
    ...colonHits(folded, Q_COLON, 'qq'),
  ];
}
