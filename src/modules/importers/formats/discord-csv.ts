import fs from 'node:fs';
import { parse as csvParse } from 'csv-parse';
import type { ImportedChat, ImportParser, ImportRecord, ParseContext } from '../types.js';
import { head } from '../lines.js';
import { localToUtc } from '../local-time.js';
import { person, unparsed } from './record-helpers.js';
import { mediaFromFileName } from './media-from-file.js';
import { chatFromFileName, DISCORD_SYSTEM_SKIPPED, exportFiles } from './discord-shared.js';

/**
 * DiscordChatExporter CSV: `AuthorID,Author,Date,Content,Attachments,Reactions`, every field quoted,
 * attachments as comma-separated URLs. (Versions before 2.x had no AuthorID column.) There are no message
 * ids, reply links or message types: system notifications appear as their fallback wording in Content.
 * `line` is the file line on which the row starts (rows with multi-line content span several lines).
 */
export const discordCsvParser: ImportParser = {
  format: 'discord-csv',
  channel: 'discord',

  async sniff(source) {
    const files = await exportFiles(source, '.csv').catch(() => []);
    const first = files[0];
    if (!first) return 0;
    const line = (await head(first.full, 512)).split(/\r?\n/, 1)[0] ?? '';
    const cols = line.split(',').map((c) => c.replace(/^"|"$/g, ''));
    if (cols.join(',') === 'AuthorID,Author,Date,Content,Attachments,Reactions') return 0.97;
    if (cols.slice(0, 4).join(',') === 'Author,Date,Content,Attachments') return 0.9;
    return 0;
  },

  async *parse(source, ctx) {
    let done = 0;
    for (const { full, file } of await exportFiles(source, '.csv')) {
      const size = (await fs.promises.stat(full)).size;
      yield* parseFile(full, file, chatFromFileName(full), ctx, (b) => ctx.onBytes?.(done + b));
      done += size;
      ctx.onBytes?.(done);
    }
  },
};

async function* parseFile(full: string, file: string | undefined, chat: ImportedChat, ctx: ParseContext, onBytes: (b: number) => void): AsyncGenerator<ImportRecord> {
  const queue: ImportRecord[] = [];
  let cols: Record<string, number> | undefined;
  let lastSkipLine = -1;
  const parser = csvParse({
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    raw: true,
    // Records are taken here, in order with skipped rows, instead of read from the stream: nothing is buffered.
    // With `raw` on, csv-parse hands over {record, raw}; its typings do not model that.
    on_record: (rec: any, info) => {
      const fields: string[] = Array.isArray(rec) ? rec : rec.record;
      const line = info.lines - fields.reduce((n, f) => n + countNewlines(f), 0);
      if (!cols) {
        cols = headerColumns(fields);
        if (!cols) queue.push(unparsed(line, fields.join(','), 'not a DiscordChatExporter CSV header (AuthorID,Author,Date,Content,…)', file));
      } else {
        const record = rowRecord(fields, cols, line, file, chat, ctx.timeZone);
        if (record) queue.push(record);
      }
      return null;
    },
    on_skip: (err, raw) => {
      const line = typeof err?.lines === 'number' ? err.lines : 0;
      // After a bad quote csv-parse may fail again on the same line at the end of the file; one report is enough.
      if (line !== lastSkipLine) queue.push(unparsed(line, raw ?? '', `broken CSV quoting (${err?.code ?? 'unknown error'})`, file));
      lastSkipLine = line;
      return undefined;
    },
  });
  parser.resume();
  const ended = new Promise<void>((resolve, reject) => {
    parser.on('end', resolve);
    parser.on('error', reject);
  });
  // A parse error also fails the pending write, which is what surfaces it; this keeps it from going unhandled.
  ended.catch(() => {});
  let read = 0;
  for await (const chunk of fs.createReadStream(full, { highWaterMark: 1 << 16 }) as AsyncIterable<Buffer>) {
    read += chunk.length;
    await new Promise<void>((resolve, reject) => parser.write(chunk, (err) => (err ? reject(err) : resolve())));
    yield* queue.splice(0);
    onBytes(read);
  }
  parser.end();
  await ended;
  yield* queue.splice(0);
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i !== -1; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

function headerColumns(fields: string[]): Record<string, number> | undefined {
  const cols: Record<string, number> = {};
  fields.forEach((f, i) => { cols[f.trim()] = i; });
  return cols.Author !== undefined && cols.Date !== undefined && cols.Content !== undefined ? cols : undefined;
}

/** The record for a row; undefined for a system notification that is not about a member (pins, threads, calls). */
function rowRecord(fields: string[], cols: Record<string, number>, line: number, file: string | undefined, chat: ImportedChat, timeZone: string): ImportRecord | undefined {
  const get = (name: string) => (cols[name] === undefined ? '' : (fields[cols[name]!] ?? ''));
  const raw = fields.join(',');
  const name = get('Author');
  if (!name) return unparsed(line, raw, 'row has no author', file);
  const at = parseDiscordDate(get('Date'), timeZone);
  if (!at) return unparsed(line, raw, `unrecognised date "${get('Date')}"`, file);
  const author = person(name, get('AuthorID') || undefined);
  const base = { line, ...(file !== undefined ? { file } : {}), chat, at };
  const text = get('Content');
  const attachments = get('Attachments').split(',').map((s) => s.trim()).filter(Boolean);
  if (attachments.length === 0) {
    if (text === 'Joined the server.') return { kind: 'join', ...base, person: author, via: 'link' };
    if (text === 'Left the group.') return { kind: 'leave', ...base, person: author };
    const added = /^Added (.+) to the group\.$/s.exec(text);
    if (added) return { kind: 'join', ...base, person: person(added[1]!), by: author, via: 'added' };
    const removed = /^Removed (.+) from the group\.$/s.exec(text);
    if (removed) return { kind: 'leave', ...base, person: person(removed[1]!), removedBy: author };
    if (DISCORD_SYSTEM_SKIPPED.some((re) => re.test(text))) return undefined;
  }
  return { kind: 'message', ...base, author, text, ...(attachments.length ? { mediaType: mediaFromFileName(attachments[0]!) } : {}) };
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * Newer DiscordChatExporter writes ISO 8601 with the offset; older ones wrote the exporting machine's local
 * time as `dd-MMM-yy hh:mm tt` (the default --dateformat), and users could ask for `MM/dd/yyyy h:mm tt`
 * or `yyyy-MM-dd HH:mm`. Those are read in `timeZone`.
 */
export function parseDiscordDate(s: string, timeZone: string): Date | undefined {
  const v = s.trim();
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(v)) {
    const d = new Date(v);
    return Number.isNaN(d.getTime()) ? undefined : d;
  }
  let m = /^(\d{1,2})-([A-Za-z]{3})-(\d{2}|\d{4}) (\d{1,2}):(\d{2})(?::(\d{2}))? ?([AP]M)?$/i.exec(v);
  if (m) {
    const month = MONTHS.indexOf(m[2]!.toLowerCase()) + 1;
    if (!month) return undefined;
    const year = m[3]!.length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
    return local(year, month, Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0), m[7], timeZone);
  }
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4}) (\d{1,2}):(\d{2})(?::(\d{2}))? ?([AP]M)?$/i.exec(v);
  if (m) return local(Number(m[3]), Number(m[1]), Number(m[2]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0), m[7], timeZone);
  m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(v);
  if (m) return local(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0), undefined, timeZone);
  return undefined;
}

function local(y: number, mo: number, d: number, h: number, mi: number, s: number, ampm: string | undefined, timeZone: string): Date | undefined {
  if (ampm) {
    if (h < 1 || h > 12) return undefined;
    h = (h % 12) + (ampm.toUpperCase() === 'PM' ? 12 : 0);
  }
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return undefined;
  return localToUtc(y, mo, d, h, mi, s, timeZone);
}
