import { head, readLines } from '../lines.js';
import type { ImportedChat, ImportedMessage, ImportedPerson, ImportParser, ImportRecord, ImportSource, MediaType, ParseContext } from '../types.js';
import { baseName, person, unparsed, validClock, wallClockToUtc } from './record-helpers.js';

/**
 * QQ message manager "export as .txt" (消息管理器 → 导出消息记录 → 文本格式). Line numbers are physical
 * 1-based lines; a message carries the number of its header line. Times are wall clock in ctx.timeZone.
 */

const TITLE = /^消息记录（此消息记录为文本格式，不支持重新导入）$/;
const RULE = /^={16,}$/;
const SECTION = /^消息(分组|对象)[:：](.*)$/;
const STAMP = String.raw`^(\d{4})-(\d{1,2})-(\d{1,2}) (\d{1,2}):(\d{2}):(\d{2}) `;
/** `昵称(123456789)` or `昵称<someone@example.com>`: the number or address is the stable id. */
const HEADER = new RegExp(STAMP + String.raw`(.*?)(?:\((\d{5,12})\)|<([^<>\s]+@[^<>\s]+)>)$`);
/** Some exports write a bare nickname (one-to-one chats, the exporting user); trusted only after a blank line. */
const HEADER_BARE = new RegExp(STAMP + String.raw`(\S.*)$`);

const MARKERS: Record<string, MediaType> = { '[图片]': 'image', '[闪照]': 'image', '[表情]': 'sticker', '[语音]': 'voice', '[视频]': 'video', '[文件]': 'file' };
const MARKER_RE = /\[(?:图片|闪照|表情|语音|视频|文件)\]/g;

/** `昵称(123456)` inside system text carries the QQ number; a bare nickname does not. */
function qqPerson(raw: string): ImportedPerson {
  const m = /^(.*)\((\d{5,12})\)$/.exec(raw.trim());
  return m ? person(m[1]!, m[2]) : person(raw.trim());
}
const qqPeople = (list: string) => list.split('、').filter((s) => s.trim()).map(qqPerson);

type Event = { kind: 'join'; person: ImportedPerson; by?: ImportedPerson; via: 'added' | 'unknown' } | { kind: 'leave'; person: ImportedPerson; removedBy?: ImportedPerson };

/**
 * What the 系统消息(10000) account posts about membership. Handled: `A邀请B、C加入本群`, `B加入本群`,
 * `B退出本群`, `B被管理员移出本群` and `B被A移出本群` (each also with 了 and a closing 。). An unnamed
 * admin is recorded as the person '管理员' so the leave still reads as a removal.
 */
function systemEvents(text: string): Event[] | null {
  const t = text.trim().replace(/。$/, '');
  let m = /^(.+?)邀请(.+?)加入了?本群$/.exec(t);
  if (m) {
    const by = qqPerson(m[1]!);
    return qqPeople(m[2]!).map((p) => ({ kind: 'join', person: p, by, via: 'added' }));
  }
  if ((m = /^(.+?)加入了?本群$/.exec(t))) return [{ kind: 'join', person: qqPerson(m[1]!), via: 'unknown' }];
  if ((m = /^(.+?)退出了?本群$/.exec(t))) return [{ kind: 'leave', person: qqPerson(m[1]!) }];
  if ((m = /^(.+?)被(.+?)移出了?本群$/.exec(t))) return [{ kind: 'leave', person: qqPerson(m[1]!), removedBy: qqPerson(m[2]!) }];
  return null;
}

interface Pending { line: number; at: Date; author: ImportedPerson; chat: ImportedChat; lines: string[] }

function finish(p: Pending): ImportRecord[] {
  while (p.lines.length && p.lines[p.lines.length - 1]!.trim() === '') p.lines.pop();
  let text = p.lines.join('\n');
  const base = { line: p.line, chat: p.chat, at: p.at };
  if (p.author.id === '10000') {
    const events = systemEvents(text);
    return events ? events.map((e) => ({ ...base, ...e })) : [unparsed(p.line, text, 'unrecognised QQ system message')];
  }
  const msg: ImportedMessage = { kind: 'message', ...base, author: p.author, text };
  const marker = MARKER_RE.exec(text);
  MARKER_RE.lastIndex = 0;
  if (marker) {
    // The marker stands for the attachment; whatever else was typed alongside it is the text.
    msg.mediaType = MARKERS[marker[0]]!;
    text = text.replace(MARKER_RE, '').trim();
  }
  // QQ writes a mention as "@昵称" followed by a space; names with spaces are cut at the first one.
  const mentions = [...text.matchAll(/(?:^|\s)@([^\s@]+)/g)].map((m) => person(m[1]!));
  if (mentions.length) msg.mentions = mentions;
  msg.text = text;
  return [msg];
}

export const qqTxtParser: ImportParser = {
  format: 'qq-txt',
  channel: 'qq',

  async sniff(source: ImportSource): Promise<number> {
    if (source.isDirectory) return 0;
    const lines = (await head(source.path, 8192)).split(/\r?\n/).slice(0, 60);
    if (lines.some((l) => TITLE.test(l))) return 0.95;
    const headers = lines.filter((l) => HEADER.test(l)).length;
    const sections = lines.filter((l) => SECTION.test(l)).length;
    return Math.min(0.9, (headers >= 2 ? 0.5 : headers * 0.2) + (sections ? 0.3 : 0));
  },

  async *parse(source: ImportSource, ctx: ParseContext): AsyncGenerator<ImportRecord> {
    if (source.isDirectory) throw new Error(`qq-txt: expected a .txt file, got the folder ${source.path}`);
    let chat: ImportedChat = { name: baseName(source.path) };
    let pending: Pending | undefined;
    let prev = '';
    for await (const { no, text } of readLines(source.path, ctx.onBytes)) {
      const after = prev;
      prev = text;
      if (RULE.test(text) || (no === 1 && TITLE.test(text))) {
        if (pending) yield* finish(pending);
        pending = undefined;
        continue;
      }
      const section = RULE.test(after) ? SECTION.exec(text) : null;
      if (section) {
        // 消息分组 is the exporting user's folder of contacts; only 消息对象 names a chat.
        if (section[1] === '对象') chat = { name: section[2]!.trim() };
        continue;
      }
      const m = HEADER.exec(text) ?? (!pending || after.trim() === '' ? HEADER_BARE.exec(text) : null);
      if (!m) {
        if (pending) pending.lines.push(text);
        else if (text.trim()) yield unparsed(no, text, 'line outside any message');
        continue;
      }
      if (pending) yield* finish(pending);
      pending = undefined;
      const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
      if (!validClock(y, mo, d, h, mi, s)) {
        yield unparsed(no, text, 'invalid date or time');
        continue;
      }
      const author = person(m[7]!.trim(), m[8] ?? m[9]);
      pending = { line: no, at: wallClockToUtc(y, mo, d, h, mi, s, ctx.timeZone), author, chat, lines: [] };
    }
    if (pending) yield* finish(pending);
  },
};
