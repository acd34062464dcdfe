import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { collect, FIXTURES, sourceOf } from './formats/parser-test-kit.js';
import { decodedChunks, readLines, sniffEncoding, type TextEncodingName } from './lines.js';
import { detectFormat } from './detect.js';
import { IMPORT_PARSERS } from './registry.js';

const ENCODED = fileURLToPath(new URL('./fixtures-encodings', import.meta.url));

/*
 * The same exports saved the way Chinese Windows tools and Excel save them (GB18030/GBK, UTF-16 with a
 * byte-order mark), made from the UTF-8 fixtures with Python's codecs: each must read exactly like the original.
 */
const cases: { format: string; encoding: TextEncodingName; file: string }[] = [
  { format: 'qq-txt', encoding: 'gb18030', file: 'gb18030/全部消息记录.txt' },
  { format: 'wechat-csv', encoding: 'gb18030', file: 'gb18030/新品体验群.csv' },
  { format: 'wechat-csv', encoding: 'utf-16le', file: 'utf-16le/读书会--聊天记录.csv' },
];

async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of items) out.push(x);
  return out;
}

describe('export encodings', () => {
  for (const c of cases) {
    it(`reads a ${c.format} export in ${c.encoding} exactly like its UTF-8 original, and detects it`, async () => {
      const encoded = path.join(ENCODED, c.file);
      const original = path.join(FIXTURES, c.format, path.basename(c.file));
      expect(await sniffEncoding(encoded)).toBe(c.encoding);
      expect(await sniffEncoding(original)).toBe('utf-8');
      const parser = IMPORT_PARSERS.find((p) => p.format === c.format)!;
      const want = await collect(parser, original);
      expect(want.length).toBeGreaterThan(3);
      expect(await collect(parser, encoded)).toEqual(want);
      expect((await detectFormat(sourceOf(encoded), IMPORT_PARSERS)).parser.format).toBe(c.format);
    });
  }

  it('decodes a character split across read chunks, and BOM-less UTF-16LE', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shequn-enc-'));
    try {
      // 40,000 three-byte characters: the 64 KiB read chunks end inside characters.
      const text = `${'群'.repeat(40_000)}\nsecond line 第二行\n`;
      const utf8 = path.join(dir, 'utf8.txt');
      fs.writeFileSync(utf8, text);
      expect((await all(readLines(utf8))).map((l) => l.text)).toEqual(['群'.repeat(40_000), 'second line 第二行']);
      const utf16 = path.join(dir, 'utf16.txt');
      fs.writeFileSync(utf16, Buffer.from('12/31/20, 9:15 PM - Ann: hello\n', 'utf16le'));
      expect(await sniffEncoding(utf16)).toBe('utf-16le');
      expect((await all(decodedChunks(utf16))).join('')).toBe('12/31/20, 9:15 PM - Ann: hello\n');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
