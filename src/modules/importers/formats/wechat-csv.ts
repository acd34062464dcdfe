import path from 'node:path';
import { parse as csvParse } from 'csv-parse';
import { Readable } from 'node:stream';
import { decodedChunks, head } from '../lines.js';
import type { ImportedChat, ImportedJoin, ImportedLeave, ImportedMessage, ImportedPerson, ImportParser, ImportRecord, ImportSource, ParseContext } from '../types.js';
import { baseName, person, unparsed, validClock, wallClockToUtc } from './record-helpers.js';
import { classify, type Columns, mapHeader } from './wechat-csv-columns.js';
import { type WeChatEvent, weChatSysmsg, weChatSystem } from './wechat-system.js';

/**
 * WeChat chats exported to CSV by desktop tools (WeChatMsg / 留痕 and simpler ones). `line` is the 1-based
 * data row (the header row is not counted; a quoted field spanning lines is still one row).
 */

/** Tools name files `<chat>--<suffix>.csv` or `<chat>.csv`; the chat name is what comes before any `--`. */
function chatName(file: string): string {
  const base = baseName(file);
  const cut = base.split('--')[0]!.trim();
  return cut || base;
}

/** CreateTime is Unix seconds (ms when 13 digits); a time column holds wall clock or, in some tools, Unix too. */
function rowTime(row: string[], cols: Columns, timeZone: string): Date | null {
  const unix = cols.unix !== undefined ? row[cols.unix]?.trim() : undefined;
  const raw = unix || (cols.time !== undefined ? row[cols.time]?.trim() : '') || '';
  if (/^\d{10}$/.test(raw)) return new Date(Number(raw) * 1000);
  if (/^\d{13}$/.test(raw)) return new Date(Number(raw));
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(raw);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map((x) => Number(x ?? 0)) as [number, number, number, number, number, number];
  return validClock(y, mo, d, h, mi, s) ? wallClockToUtc(y, mo, d, h, mi, s, timeZone) : null;
}

const XML_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const unescapeXml = (s: string) => s.replace(/&(lt|gt|amp|quot|apos);/g, (_, e: string) => XML_ENTITIES[e]!);
const field = (xml: string, tag: string) => {
  const m = new RegExp(`<${tag}>(?:<!\\[CDATA\\[([\\s\\S]*?)\\]\\]>|([\\s\\S]*?))</${tag}>`).exec(xml);
  return m ? (m[1] ?? unescapeXml(m[2]!)) : undefined;
};

/** The row's author: name from NickName/Remark/sender columns, id from the wxid; the exporter is '你'. */
function author(row: string[], cols: Columns): ImportedPerson | null {
  const id = cols.senderId !== undefined ? row[cols.senderId]?.trim() : undefined;
  const name = cols.names.map((i) => row[i]?.trim()).find(Boolean) ?? id;
  if (name) return person(name, id);
  return cols.isSender !== undefined && row[cols.isSender]?.trim() === '1' ? { name: '你' } : null;
}

export const wechatCsvParser: ImportParser = {
  format: 'wechat-csv',
  channel: 'wechat',

  async sniff(source: ImportSource): Promise<number> {
    if (source.isDirectory || !/\.csv$/i.test(source.path)) return 0;
    const first = (await head(source.path, 4096)).split(/\r?\n/, 1)[0]!;
    const header = first.split(',').map((h) => h.replace(/^"|"$/g, ''));
    const cols = mapHeader(header);
    if (typeof cols === 'string') return 0;
    const lower = header.map((h) => h.trim().toLowerCase());
    if (lower.includes('strcontent') && lower.includes('talkerid')) return 0.95;
    // A generic time/sender/content CSV could be any chat tool's; Chinese headers point at WeChat.
    return /[时发内消]/.test(first) ? 0.6 : 0.3;
  },

  async *parse(source: ImportSource, ctx: ParseContext): AsyncGenerator<ImportRecord> {
    if (source.isDirectory) throw new Error(`wechat-csv: expected a .csv file, got the folder ${source.path}`);
    const name = chatName(source.path);
    // Excel and Windows tools save CSV as GBK or UTF-16 as often as UTF-8: decode first, then parse text.
    const input = Readable.from(decodedChunks(source.path, ctx.onBytes));
    // Stray quotes inside a field are kept as text (relax_quotes): tools write them unescaped. A row that still
    // cannot be read (a quote never closed) is reported where it stood, not dropped: remember how many good
    // rows came before it, since csv-parse may already have queued later rows when it tells us. One bad row
    // can raise several errors; the last, with the most raw text, stands for it.
    const skipped: { after: number; at: number; raw: string; reason: string }[] = [];
    const parser = csvParse({
      bom: true, raw: true, relax_quotes: true, relax_column_count: true, skip_empty_lines: true, skip_records_with_error: true,
      on_skip: (err, raw) => {
        const s = { after: parser.info.records, at: (err as { lines?: number } | undefined)?.lines ?? -1, raw: raw ?? '', reason: `malformed CSV row: ${err?.message ?? 'unknown error'}` };
        const last = skipped[skipped.length - 1];
        if (last && last.after === s.after && last.at === s.at) skipped[skipped.length - 1] = s;
        else skipped.push(s);
      },
    });
    input.on('error', (err) => parser.destroy(err));
    input.pipe(parser);

    let cols: Columns | undefined;
    let good = 0, index = 0;
    const flushSkipped = function* (upTo: number): Generator<ImportRecord> {
      while (skipped.length && skipped[0]!.after <= upTo) {
        const s = skipped.shift()!;
        yield unparsed(++index, s.raw.trim(), s.reason);
      }
    };
    for await (const { record: row, raw } of parser as AsyncIterable<{ record: string[]; raw: string }>) {
      good++;
      if (!cols) {
        const mapped = mapHeader(row);
        if (typeof mapped === 'string') throw new Error(`wechat-csv: ${path.basename(source.path)}: ${mapped}`);
        cols = mapped;
        continue;
      }
      yield* flushSkipped(good - 1);
      const line = ++index;
      const text = row[cols.text] ?? '';
      const at = rowTime(row, cols, ctx.timeZone);
      if (!at) {
        yield unparsed(line, raw.trim(), 'missing or unreadable time');
        continue;
      }
      const chatId = cols.chatId !== undefined ? row[cols.chatId]?.trim() : undefined;
      const chat: ImportedChat = chatId ? { id: chatId, name } : { name };
      const sourceId = cols.id !== undefined ? row[cols.id]?.trim() || undefined : undefined;
      const base = { line, chat, at, ...(sourceId ? { sourceId } : {}) };
      const type = cols.type !== undefined ? row[cols.type] : undefined;
      const kind = classify(type, cols.subType !== undefined ? row[cols.subType] : undefined);
      if (!kind) {
        yield unparsed(line, raw.trim(), `unknown message type ${type?.trim()}`);
        continue;
      }
      if (kind.kind !== 'message') {
        const events = kind.kind === 'system' ? weChatSystem(text) : weChatSysmsg(text);
        if (!events) yield unparsed(line, raw.trim(), `unrecognised system message (type ${type?.trim()})`);
        else {
          // One notice can add several people; their records must not share one id.
          for (const [n, e] of events.entries()) {
            const rec = toRecord(e, base, row, cols);
            if (sourceId && events.length > 1) rec.sourceId = `${sourceId}#${n + 1}`;
            yield rec;
          }
        }
        continue;
      }
      const who = author(row, cols);
      if (!who) {
        yield unparsed(line, raw.trim(), 'no sender');
        continue;
      }
      const msg: ImportedMessage = { kind: 'message', ...base, author: who, text };
      if (kind.quote && text.trimStart().startsWith('<')) {
        msg.text = field(text, 'title') ?? '';
        const svrid = /<refermsg>[\s\S]*?<svrid>(\d+)<\/svrid>/.exec(text)?.[1];
        if (svrid && cols.serverId) msg.replyTo = svrid;
      } else if (kind.mediaType) {
        msg.mediaType = kind.mediaType;
        // Tools write XML or a "[图片]"-style placeholder for attachments; a link's or file's title is kept.
        if (/^\s*</.test(text) || /^\[[^\]]{1,8}\]$/.test(text.trim())) msg.text = kind.mediaType === 'link' || kind.mediaType === 'file' ? (field(text, 'title') ?? '') : '';
      }
      // WeChat ends a mention with U+2005 (four-per-em space); plain spaces are accepted too.
      const mentions = [...msg.text.matchAll(/(?:^|\s)@([^\s@\u2005]+)(?=[\s\u2005]|$)/g)].map((m) => person(m[1]!));
      if (mentions.length) msg.mentions = mentions;
      yield msg;
    }
    yield* flushSkipped(Infinity);
  },
};

/** A recall stands in for the message it removed: the person did post then, its content is gone. */
function toRecord(e: WeChatEvent, base: { line: number; chat: ImportedChat; at: Date; sourceId?: string }, row: string[], cols: Columns): ImportedJoin | ImportedLeave | ImportedMessage {
  if (e.kind !== 'revoke') return { ...base, ...e };
  // The row's own sender columns are trusted for the id only when they name the same person as the notice.
  const row_ = author(row, cols);
  const who = row_?.name === e.person.name ? row_ : e.person;
  return { kind: 'message', ...base, author: who, text: '', mediaType: 'other' };
}
