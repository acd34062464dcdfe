import fs from 'node:fs';
import Assembler from 'stream-json/assembler.js';
import { jsonParser, type Token } from 'stream-json/parser.js';
// stream-chain is stream-json's own substrate (installed with it); its `none` flushes the tokenizer.
import { getManyValues, isMany, none } from 'stream-chain/core';

export type JsonEvent =
  /** A small top-level field, assembled whole (DiscordChatExporter's `guild`, `channel`). */
  | { kind: 'field'; key: string; value: unknown }
  /** One element of a large top-level array, `index` 1-based. */
  | { kind: 'item'; key: string; index: number; value: unknown }
  /** The file stopped being JSON; nothing after this point can be read. */
  | { kind: 'error'; key?: string; index: number; message: string };

export interface WalkOptions {
  /** Top-level keys whose array values are streamed element by element. */
  arrays: ReadonlySet<string>;
  /** Top-level keys whose values are assembled and handed over whole; every other key is skipped unbuilt. */
  fields: ReadonlySet<string>;
  /** Bytes read of this file so far. */
  onBytes?: (bytesRead: number) => void;
}

/**
 * Streams a JSON file whose top level is an object holding one huge array (an export's `messages`).
 * Tokens are walked synchronously chunk by chunk rather than through a Node object stream: a 200k-message
 * export is ~10M tokens and a promise per token would dominate the import time.
 */
export async function* walkJsonObject(path: string, opts: WalkOptions): AsyncGenerator<JsonEvent> {
  const tokenize = jsonParser({ packValues: true, streamValues: false });
  const decoder = new TextDecoder('utf-8');
  const walker = new Walker(opts);
  let read = 0;
  let first = true;
  const feed = (input: string | typeof none): JsonEvent[] => {
    const out = tokenize(input as string);
    if (isMany(out)) for (const t of getManyValues(out) as Token[]) walker.token(t);
    return walker.take();
  };
  try {
    for await (const chunk of fs.createReadStream(path, { highWaterMark: 1 << 16 }) as AsyncIterable<Buffer>) {
      read += chunk.length;
      let text = decoder.decode(chunk, { stream: true });
      if (first && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
      yield* feed(text);
      opts.onBytes?.(read);
    }
    yield* feed(decoder.decode());
    // The tokenizer only notices a cut-off file when flushed, with a message about the token it wanted.
    const flushed = (() => { try { return feed(none); } catch { return undefined; } })();
    if (flushed) yield* flushed;
    if (!flushed || !walker.finished) throw new Error('the file ends before the JSON does');
  } catch (err) {
    yield* walker.take();
    yield { kind: 'error', key: walker.key, index: walker.index + 1, message: (err as Error).message };
  }
}

class Walker {
  key: string | undefined;
  index = 0;
  finished = false;
  private depth = 0;
  /** What the value under `key` is being used for. */
  private mode: 'none' | 'array' | 'field' | 'skip' = 'none';
  private skipDepth = 0;
  private asm: Assembler | undefined;
  private out: JsonEvent[] = [];

  constructor(private readonly opts: WalkOptions) {}

  take(): JsonEvent[] {
    const out = this.out;
    this.out = [];
    return out;
  }

  token(t: Token): void {
    if (this.asm) {
      this.asm.tapChain(t);
      if (!this.asm.done) return;
      const value = this.asm.current;
      this.asm = undefined;
      if (this.mode === 'field') {
        this.out.push({ kind: 'field', key: this.key!, value });
        this.mode = 'none';
      } else {
        this.out.push({ kind: 'item', key: this.key!, index: ++this.index, value });
      }
      return;
    }
    if (this.mode === 'skip') {
      if (t.name === 'startObject' || t.name === 'startArray') this.skipDepth++;
      else if (t.name === 'endObject' || t.name === 'endArray') this.skipDepth--;
      if (this.skipDepth === 0) this.mode = 'none';
      return;
    }
    if (this.depth === 0) {
      if (t.name !== 'startObject') throw new Error('the top level is not an object');
      this.depth = 1;
      return;
    }
    if (this.mode === 'array') {
      if (t.name === 'endArray') this.mode = 'none';
      else this.startValue(t);
      return;
    }
    // depth 1, between fields
    if (t.name === 'keyValue') {
      this.key = t.value;
      this.index = 0;
      return;
    }
    if (t.name === 'endObject') {
      this.finished = true;
      this.depth = 0;
      return;
    }
    const key = this.key ?? '';
    if (this.opts.arrays.has(key) && t.name === 'startArray') this.mode = 'array';
    else if (this.opts.fields.has(key)) {
      this.mode = 'field';
      this.startValue(t);
    } else if (t.name === 'startObject' || t.name === 'startArray') {
      this.mode = 'skip';
      this.skipDepth = 1;
    }
  }

  /** Feeds the first token of a value to a fresh assembler; scalars complete at once. */
  private startValue(t: Token): void {
    this.asm = new Assembler();
    this.token(t);
  }
}
