import fs from 'node:fs';
import path from 'node:path';
import { head, readLines } from '../lines.js';
import type { ImportedChat, ImportedMessage, ImportParser, ImportRecord, ImportSource, ParseContext } from '../types.js';
import { baseName, unparsed, validClock, wallClockToUtc } from './record-helpers.js';
import { CONTENT_GONE, mediaPlaceholder, mentionsIn, stripIsolates, systemEvents, waPerson } from './whatsapp-system.js';

/**
 * WhatsApp "Export chat" text files. Line numbers are physical 1-based lines; a multi-line message carries
 * the number of its first line. Times are the phone's wall clock, read in ctx.timeZone.
 */

/** Direction marks the app sprinkles around names and system text; isolates are kept for mentions. */
const DIR_MARKS = /[\u200e\u200f\u202a-\u202e]/g;
const DATE = String.raw`(\d{1,4})[./-](\d{1,2})[./-](\d{1,4})`;
const TIME = String.raw`(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?(?: ?([aApP])\.? ?[mM]\.?)?`;
/** Android: `31/12/2020, 21:15 - …`; iOS: `[31/12/2020, 21:15:03] …`. */
const HEADER = new RegExp(String.raw`^(?:${DATE},? ${TIME} - |\[${DATE},? ${TIME}\] )`);

interface Stamp { a: number; b: number; c: number; yearFirst: boolean; h: number; min: number; s: number; ampm?: string }

/** NBSP and the narrow NBSP (U+202F) that newer phones put before AM/PM read as plain spaces. */
const clean = (line: string) => line.replace(DIR_MARKS, '').replace(/[\u00a0\u202f]/g, ' ');

function stamp(m: RegExpExecArray): Stamp {
  const g = m[1] !== undefined ? m.slice(1, 8) : m.slice(8, 15);
  const n = g.map((x) => (x === undefined ? 0 : Number(x)));
  return { a: n[0]!, b: n[1]!, c: n[2]!, yearFirst: g[0]!.length === 4, h: n[3]!, min: n[4]!, s: n[5]!, ampm: g[6]?.toLowerCase() };
}

/**
 * Whether dates are day-first, decided per file by a first pass that stops at the first date with a leading
 * component over 12 (usually within the first two weeks of the chat). A file that never shows one picks the
 * order under which its dates run forward more consistently; if that ties too, a 12-hour clock means the US
 * locale (month-first) and a 24-hour clock day-first.
 */
async function detectDayFirst(file: string): Promise<boolean> {
  let backDM = 0, backMD = 0, lastDM = 0, lastMD = 0, twelveHour = false;
  for await (const { text } of readLines(file)) {
    const m = HEADER.exec(clean(text));
    if (!m) continue;
    const st = stamp(m);
    if (st.yearFirst) continue;
    if (st.a > 12 && st.b <= 12) return true;
    if (st.b > 12 && st.a <= 12) return false;
    if (st.ampm) twelveHour = true;
    const y = st.c < 100 ? 2000 + st.c : st.c;
    const dm = y * 10000 + st.b * 100 + st.a, md = y * 10000 + st.a * 100 + st.b;
    if (dm < lastDM) backDM++;
    if (md < lastMD) backMD++;
    lastDM = dm;
    lastMD = md;
  }
  if (backDM !== backMD) return backDM < backMD;
  return !twelveHour;
}

function toDate(st: Stamp, dayFirst: boolean, timeZone: string): Date | null {
  const [y0, mo, d] = st.yearFirst ? [st.a, st.b, st.c] : dayFirst ? [st.c, st.b, st.a] : [st.c, st.a, st.b];
  const y = y0 < 100 ? 2000 + y0 : y0;
  let h = st.h;
  if (st.ampm) {
    if (h < 1 || h > 12) return null;
    h = (h % 12) + (st.ampm === 'p' ? 12 : 0);
  }
  if (!validClock(y, mo, d, h, st.min, st.s)) return null;
  return wallClockToUtc(y, mo, d, h, st.min, st.s, timeZone);
}

/** The chat's own text file inside an unpacked export folder. */
function chatFileIn(dir: string): string | undefined {
  const names = fs.readdirSync(dir);
  return names.find((n) => n === '_chat.txt') ?? names.find((n) => /^WhatsApp Chat.*\.txt$/i.test(n));
}

/**
 * `WhatsApp Chat with Family.txt` (Android) / `WhatsApp Chat - Family/_chat.txt` (iOS, named by its folder)
 * name the chat; any other file is named by its base name.
 */
function chatName(file: string): string {
  const base = path.basename(file) === '_chat.txt' ? path.basename(path.dirname(file)) : baseName(file);
  const m = /^WhatsApp Chat (?:with|-) (.+)$/i.exec(base);
  return m ? m[1]! : base;
}

interface Pending { msg: ImportedMessage; lines: string[] }

function finish(p: Pending): ImportedMessage {
  const { msg } = p;
  while (p.lines.length > 1 && p.lines[p.lines.length - 1]!.trim() === '') p.lines.pop();
  const all = p.lines.join('\n').replace(/ ?<This message was edited>$/, '');
  const first = all.split('\n', 1)[0]!;
  const media = mediaPlaceholder(stripIsolates(first));
  let text = all;
  if (media) {
    msg.mediaType = media.mediaType;
    if (!media.keep) text = all.slice(first.length + 1);
  } else if (CONTENT_GONE.test(all.trim())) {
    // A deleted or undelivered message still happened: keep it as activity whose content is gone.
    msg.mediaType = 'other';
    text = '';
  }
  const mentions = mentionsIn(text);
  if (mentions.length) msg.mentions = mentions;
  msg.text = stripIsolates(text);
  return msg;
}

async function* parseFile(file: string, rel: string | undefined, ctx: ParseContext): AsyncGenerator<ImportRecord> {
  const dayFirst = await detectDayFirst(file);
  const chat: ImportedChat = { name: chatName(file) };
  const base = (line: number) => (rel === undefined ? { line, chat } : { line, file: rel, chat });
  let pending: Pending | undefined;
  for await (const { no, text: raw } of readLines(file, ctx.onBytes)) {
    const line = clean(raw);
    const m = HEADER.exec(line);
    if (!m) {
      if (pending) pending.lines.push(line);
      else if (line.trim()) yield unparsed(no, raw, 'line without a timestamp outside any message', rel);
      continue;
    }
    if (pending) yield finish(pending);
    pending = undefined;
    const at = toDate(stamp(m), dayFirst, ctx.timeZone);
    if (!at) {
      yield unparsed(no, raw, 'invalid date or time', rel);
      continue;
    }
    const body = line.slice(m[0].length);
    const sep = body.indexOf(': ');
    // Actor names never contain ':', so "Alice: Bob left" is a message, not Bob leaving.
    let events = systemEvents(body);
    // iOS writes system lines as "<group name>: \u200e<event>"; a typed message never starts with that mark.
    if (!events && sep !== -1 && raw.includes(': \u200e')) {
      const rest = body.slice(sep + 2);
      if (!mediaPlaceholder(stripIsolates(rest)) && !CONTENT_GONE.test(rest.trim())) {
        events = systemEvents(rest);
        if (!events) {
          yield unparsed(no, raw, 'unrecognised system line', rel);
          continue;
        }
      }
    }
    if (events) {
      for (const e of events) yield { ...base(no), at, ...e };
      continue;
    }
    if (sep === -1) {
      yield unparsed(no, raw, 'unrecognised system line', rel);
      continue;
    }
    const msg: ImportedMessage = { kind: 'message', ...base(no), at, author: waPerson(body.slice(0, sep)), text: '' };
    pending = { msg, lines: [body.slice(sep + 2)] };
  }
  if (pending) yield finish(pending);
}

export const whatsappParser: ImportParser = {
  format: 'whatsapp',
  channel: 'whatsapp',

  async sniff(source: ImportSource): Promise<number> {
    let file = source.path;
    if (source.isDirectory) {
      const found = chatFileIn(source.path);
      if (!found) return 0;
      file = path.join(source.path, found);
    }
    const lines = (await head(file, 8192)).split('\n').slice(0, 40).filter((l) => l.trim());
    if (!lines.length) return 0;
    const hits = lines.filter((l) => HEADER.test(clean(l))).length;
    const named = /WhatsApp Chat/i.test(file) ? 0.1 : 0;
    const first = HEADER.test(clean(lines[0]!)) ? 0.3 : 0;
    return Math.min(1, (hits / lines.length) * 0.6 + first + named);
  },

  async *parse(source: ImportSource, ctx: ParseContext): AsyncGenerator<ImportRecord> {
    if (!source.isDirectory) return yield* parseFile(source.path, undefined, ctx);
    const found = chatFileIn(source.path);
    if (!found) throw new Error(`whatsapp: no _chat.txt or "WhatsApp Chat….txt" in ${source.path}`);
    yield* parseFile(path.join(source.path, found), found, ctx);
  },
};
