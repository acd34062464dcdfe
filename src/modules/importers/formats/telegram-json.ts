import fs from 'node:fs';
import path from 'node:path';
import { jsonParser, type Token } from 'stream-json/core/parser.js';
import { Assembler } from 'stream-json/core/assembler.js';
import { head } from '../lines.js';
import type { ImportedChat, ImportParser, ImportRecord, ImportSource, ParseContext } from '../types.js';
import { messageRecords } from './telegram-json-message.js';
import { unparsed } from './telegram-common.js';

/**
 * Telegram Desktop "Export chat history" / "Export Telegram data" in JSON: `result.json`, either one chat
 * (`{name, type, id, messages: [...]}`) or a whole account (`{about, ..., chats: {list: [...]}, left_chats: {list: [...]}}`).
 *
 * The file is tokenised as it is read; only one message object is ever assembled at a time, so a 1 GB export
 * parses in bounded memory. `line` is the 1-based number of the message object within the file, counted
 * across all chats of an account export.
 *
 * A full account export also holds one-to-one chats, bots and Saved Messages. Those are not communities and
 * are private, so they are not imported: each becomes one unparsed record naming it. Chats the account has
 * left (`left_chats`) are imported like the others: their history is still the group's history.
 */
const PRIVATE_TYPES = new Set(['personal_chat', 'bot_chat', 'saved_messages', 'replies']);
const CHAT_TYPES = 'personal_chat|bot_chat|saved_messages|replies|private_group|private_supergroup|public_supergroup|private_channel|public_channel';

type Role = 'root' | 'chatGroup' | 'chatList' | 'chat' | 'messages' | 'skipped' | 'other';
interface Frame { role: Role; key: string | null }
interface ChatInfo { name?: string; type?: string; id?: string }

export const telegramJsonParser: ImportParser = {
  format: 'telegram-json',
  channel: 'telegram',

  async sniff(source: ImportSource): Promise<number> {
    const file = resultFile(source);
    if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) return 0;
    const text = await head(file, 8192);
    if (!/^\s*\{/.test(text)) return 0;
    if (new RegExp(`^\\s*\\{\\s*("name":\\s*(null|"(\\\\.|[^"\\\\])*"),\\s*)?"type":\\s*"(${CHAT_TYPES})",\\s*"id":\\s*-?\\d+,\\s*"messages":\\s*\\[`).test(text)) return 0.95;
    if (/"date_unixtime":\s*"\d+"/.test(text) && /"(from|actor)_id":\s*"(user|channel|chat)\d+"/.test(text)) return 0.9;
    if (/^\s*\{\s*"about":\s*"[^"]*Telegram/.test(text)) return 0.8;
    return 0;
  },

  async *parse(source: ImportSource, ctx: ParseContext): AsyncGenerator<ImportRecord> {
    const file = resultFile(source);
    const fileLabel = source.isDirectory ? path.relative(source.path, file) : undefined;
    const walker = new Walker(fileLabel, ctx.timeZone);
    const tokenize = jsonParser({ streamValues: false });
    const decoder = new TextDecoder('utf-8');
    let bytes = 0;
    for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 16 }) as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      ctx.onBytes?.(bytes);
      try {
        const tokens = tokenize(decoder.decode(chunk, { stream: true }));
        if (typeof tokens !== 'symbol') for (const t of tokens.values) walker.token(t);
      } catch (err) {
        // The tokenizer cannot resume after bad JSON: report where it stopped and end. Messages earlier in
        // the same 64 KB block are lost with it; Telegram writes valid JSON, so this is a damaged file.
        yield* walker.drain();
        yield unparsed(walker.current, fileLabel, `byte ${bytes - chunk.length}..${bytes}`, `invalid JSON, reading stopped: ${(err as Error).message}`);
        return;
      }
      yield* walker.drain();
    }
    if (walker.depth > 0) yield unparsed(walker.current, fileLabel, '', 'the file ends before its JSON does (cut short while copying or exporting?)');
  },
};

function resultFile(source: ImportSource): string {
  return source.isDirectory ? path.join(source.path, 'result.json') : source.path;
}

/** Follows the token stream through the export's outline and hands each message object to the converter. */
class Walker {
  private stack: Frame[] = [];
  private info: ChatInfo = {};
  private chat: ImportedChat = { name: 'Telegram' };
  private out: ImportRecord[] = [];
  /** Telegram ids stay below 2^53 (user ids are at most 52 bits), so plain numbers hold them exactly. */
  private asm = new Assembler();
  /** Nesting inside the message being assembled; 0 when not assembling one. */
  private inMessage = 0;
  count = 0;

  constructor(private readonly file: string | undefined, private readonly timeZone: string) {}

  get depth(): number { return this.stack.length + this.inMessage; }
  /** The message being read, or the next one between messages: where a broken file is reported. */
  get current(): number { return this.inMessage ? this.count : this.count + 1; }

  *drain(): Generator<ImportRecord> {
    const out = this.out;
    this.out = [];
    yield* out;
  }

  token(t: Token): void {
    if (this.inMessage) return this.messageToken(t);
    const top = this.stack[this.stack.length - 1];
    switch (t.name) {
      case 'keyValue':
        if (top) top.key = t.value;
        return;
      case 'startObject':
      case 'startArray':
        return this.open(t.name === 'startArray', top);
      case 'endObject':
      case 'endArray':
        this.stack.pop();
        return;
      case 'stringValue':
      case 'numberValue':
      case 'nullValue':
      case 'trueValue':
      case 'falseValue':
        return this.scalar(top, t.value);
    }
  }

  private open(isArray: boolean, parent: Frame | undefined): void {
    const push = (role: Role) => { this.stack.push({ role, key: null }); };
    if (!parent) return push(isArray ? 'other' : 'root');
    const { role, key } = parent;
    if ((role === 'root' || role === 'chat') && key === 'messages' && isArray) return push(this.startChat(role === 'chat'));
    if (role === 'root' && (key === 'chats' || key === 'left_chats') && !isArray) return push('chatGroup');
    if (role === 'chatGroup' && key === 'list' && isArray) return push('chatList');
    if (role === 'chatList' && !isArray) {
      this.info = {};
      return push('chat');
    }
    if (role === 'messages' || role === 'skipped') this.count++;
    if (role === 'messages') {
      if (isArray) return this.emitStray('an array');
      this.inMessage = 1;
      this.asm.consume({ name: 'startObject' });
      return;
    }
    push('other');
  }

  /** Chat name, type and id come before `messages` in every export Telegram writes. */
  private startChat(inAccountExport: boolean): Role {
    const { name, type, id } = this.info;
    this.chat = { ...(id !== undefined ? { id } : {}), name: name ?? (type === 'saved_messages' ? 'Saved Messages' : `Telegram chat ${id ?? ''}`.trim()) };
    if (inAccountExport && type && PRIVATE_TYPES.has(type)) {
      this.out.push(unparsed(this.count + 1, this.file, this.chat.name, `${type} not imported: a full account export's one-to-one chats are private and not a community`));
      return 'skipped';
    }
    return 'messages';
  }

  private scalar(top: Frame | undefined, value: unknown): void {
    if (!top) return;
    if ((top.role === 'root' || top.role === 'chat') && (top.key === 'name' || top.key === 'type' || top.key === 'id')) {
      this.info[top.key] = value === null ? undefined : String(value);
    } else if (top.role === 'messages') {
      this.count++;
      this.emitStray(JSON.stringify(value));
    }
  }

  private emitStray(what: string): void {
    this.out.push(unparsed(this.count, this.file, what, 'not a message object'));
    if (what === 'an array') this.stack.push({ role: 'other', key: null });
  }

  private messageToken(t: Token): void {
    this.asm.consume(t);
    if (t.name === 'startObject' || t.name === 'startArray') this.inMessage++;
    else if (t.name === 'endObject' || t.name === 'endArray') {
      if (--this.inMessage === 0) {
        const records = messageRecords(this.asm.current, { line: this.count, file: this.file, chat: this.chat, timeZone: this.timeZone });
        for (const r of records) this.out.push(r);
        this.asm.dropToLevel(0);
      }
    }
  }
}
