import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { head, readLines } from './lines.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shequn-lines-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('readLines', () => {
  it('numbers lines, strips BOM and CRLF, keeps a last line without newline, and splits multi-byte text across chunks', async () => {
    const file = path.join(dir, 'chat.txt');
    const long = '群'.repeat(70_000); // three bytes each: crosses the 64 KiB chunk boundary mid-character
    fs.writeFileSync(file, `\ufeffone\r\ntwo\n\n${long}\nlast`);
    const lines = [];
    let bytes = 0;
    for await (const l of readLines(file, (b) => (bytes = b))) lines.push(l);
    expect(lines.map((l) => l.no)).toEqual([1, 2, 3, 4, 5]);
    expect(lines.map((l) => (l.text.length > 10 ? l.text.length : l.text))).toEqual(['one', 'two', '', 70_000, 'last']);
    expect(lines[3]!.text).toBe(long);
    expect(bytes).toBe(fs.statSync(file).size);
    expect(await head(file, 6)).toBe('one'); // 3 bytes of BOM, then the text
  });
});
