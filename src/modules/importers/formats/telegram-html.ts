import fs from 'node:fs';
import path from 'node:path';
import { Parser } from 'htmlparser2';
import { head } from '../lines.js';
import type { ImportedChat, ImportParser, ImportRecord, ImportSource, ParseContext } from '../types.js';
import { TelegramHtmlPage } from './telegram-html-page.js';

/**
 * Telegram Desktop "Export chat history" in HTML: a folder with messages.html, messages2.html, … (1000
 * messages a page), read in page order, each page streamed through htmlparser2. A single page may also be
 * given as a file. The HTML export names people but never gives their ids, and has no chat id either; the chat
 * is named by the page header.
 *
 * Not read: a whole-account HTML export (export_results.html with chats/chat_NNN/ folders), which mixes
 * private chats in; point the importer at one chat's folder instead.
 */
const PAGE = /^messages(\d*)\.html$/;

export const telegramHtmlParser: ImportParser = {
  format: 'telegram-html',
  channel: 'telegram',

  async sniff(source: ImportSource): Promise<number> {
    const first = source.isDirectory ? path.join(source.path, 'messages.html') : source.path;
    if (!/\.html?$/i.test(first) || !fs.existsSync(first) || fs.statSync(first).isDirectory()) return 0;
    const text = await head(first, 8192);
    const telegram = /<div class="page_header">/.test(text) && /<div class="page_body chat_page">|<div class="history">/.test(text);
    if (!telegram) return 0;
    return source.isDirectory || PAGE.test(path.basename(first)) ? 0.95 : 0.9;
  },

  async *parse(source: ImportSource, ctx: ParseContext): AsyncGenerator<ImportRecord> {
    const files = source.isDirectory ? pages(source.path) : [source.path];
    const shared: { chat?: ImportedChat; knownNames: Set<string> } = { knownNames: new Set() };
    let bytes = 0;
    for (const file of files) {
      const label = source.isDirectory ? path.relative(source.path, file) : undefined;
      const page = new TelegramHtmlPage(label, ctx.timeZone, shared);
      const parser = new Parser(page, { decodeEntities: true });
      const decoder = new TextDecoder('utf-8');
      for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 16 }) as AsyncIterable<Buffer>) {
        bytes += chunk.length;
        ctx.onBytes?.(bytes);
        parser.write(decoder.decode(chunk, { stream: true }));
        yield* drain(page);
      }
      parser.end(decoder.decode());
      yield* drain(page);
    }
  },
};

/** messages.html, messages2.html, … in page order (not name order: messages10 comes after messages9). */
function pages(dir: string): string[] {
  return fs.readdirSync(dir)
    .map((name) => ({ name, m: PAGE.exec(name) }))
    .filter((f): f is { name: string; m: RegExpExecArray } => f.m !== null)
    .map((f) => ({ name: f.name, n: f.m[1] ? Number(f.m[1]) : 1 }))
    .sort((a, b) => a.n - b.n)
    .map((f) => path.join(dir, f.name));
}

function* drain(page: TelegramHtmlPage): Generator<ImportRecord> {
  const out = page.out;
  page.out = [];
  yield* out;
}
