import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { ImportRecord, ImportSource } from '../types.js';
import { whatsappParser } from './whatsapp.js';
import { heapAfterGc } from './parser-test-kit.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures');
const own = path.join(fixtures, 'whatsapp');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'shequn-wa-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const tz = 'Asia/Shanghai';

async function collect(source: ImportSource, timeZone = tz): Promise<any[]> {
  const out: ImportRecord[] = [];
  for await (const r of whatsappParser.parse(source, { timeZone })) out.push(r);
  return JSON.parse(JSON.stringify(out));
}
const file = (p: string): ImportSource => ({ path: p, isDirectory: false });
function write(name: string, lines: string[]): ImportSource {
  const p = path.join(tmp, name);
  fs.writeFileSync(p, lines.join('\n') + '\n');
  return file(p);
}

describe('whatsapp parser', () => {
  it('reads an Android US-locale export (12-hour clock, U+202F before PM, month-first)', async () => {
    const recs = await collect(file(path.join(own, 'WhatsApp Chat with 周末读书会.txt')));
    const chat = { name: '周末读书会' };
    const at = (iso: string) => iso;
    expect(recs).toEqual([
      { line: 3, chat, at: at('2020-12-31T13:11:00.000Z'), kind: 'join', person: { name: 'Bob' }, by: { name: 'Alice' }, via: 'added' },
      { line: 4, chat, at: '2020-12-31T13:11:00.000Z', kind: 'join', person: { name: 'Carol' }, by: { name: 'Alice' }, via: 'added' },
      { line: 4, chat, at: '2020-12-31T13:11:00.000Z', kind: 'join', person: { name: 'Dave' }, by: { name: 'Alice' }, via: 'added' },
      { line: 4, chat, at: '2020-12-31T13:11:00.000Z', kind: 'join', person: { name: '王小明' }, by: { name: 'Alice' }, via: 'added' },
      { line: 5, chat, at: '2020-12-31T13:12:00.000Z', kind: 'join', person: { name: 'Eve' }, via: 'link' },
      { kind: 'message', line: 6, chat, at: '2020-12-31T13:15:00.000Z', author: { name: 'Alice' }, text: '大家好！Welcome to the book club.' },
      { kind: 'message', line: 7, chat, at: '2020-12-31T13:16:00.000Z', author: { name: 'Bob' }, text: 'First line\nsecond line\n\nthird line after a blank' },
      { kind: 'message', line: 11, chat, at: '2020-12-31T13:17:00.000Z', author: { name: 'Carol' }, text: '', mediaType: 'other' },
      { kind: 'message', line: 12, chat, at: '2020-12-31T13:18:00.000Z', author: { name: 'Dave' }, text: '', mediaType: 'other' },
      { kind: 'message', line: 13, chat, at: '2020-12-31T13:19:00.000Z', author: { name: 'You' }, text: '@14155550100 see you Saturday', mentions: [{ name: '14155550100' }] },
      { line: 14, chat, at: '2020-12-31T16:05:00.000Z', kind: 'leave', person: { name: 'Eve' } },
      { line: 15, chat, at: '2021-01-01T04:30:00.000Z', kind: 'leave', person: { name: 'Dave' }, removedBy: { name: 'Alice' } },
      { kind: 'unparsed', line: 19, text: '1/1/21, 12:34\u202fPM - Alice started a video call', reason: 'unrecognised system line' },
      { kind: 'message', line: 20, chat, at: '2021-01-01T05:00:00.000Z', author: { name: '王小明' }, text: 'Check this out: https://example.com/book' },
      { kind: 'message', line: 21, chat, at: '2021-01-01T05:01:00.000Z', author: { name: 'Carol' }, text: '封面照片', mediaType: 'image' },
      { kind: 'message', line: 23, chat, at: '2021-01-01T05:02:00.000Z', author: { name: 'Bob' }, text: '2:30 works for me' },
    ]);
  });

  it('reads a 24-hour day-first export with CRLF, isolate-wrapped names and mentions, deciding the order late', async () => {
    const recs = await collect(file(path.join(own, 'android-24h.txt')));
    const chat = { name: 'android-24h' };
    expect(recs).toEqual([
      { line: 3, chat, at: '2021-01-05T01:01:00.000Z', kind: 'join', person: { name: 'Bruno' }, by: { name: 'Ana' }, via: 'added' },
      { line: 3, chat, at: '2021-01-05T01:01:00.000Z', kind: 'join', person: { name: 'Carla, the Reader' }, by: { name: 'Ana' }, via: 'added' },
      { kind: 'message', line: 4, chat, at: '2021-01-06T10:30:00.000Z', author: { name: 'Bruno' }, text: 'Oi @Ana 👋', mentions: [{ name: 'Ana' }] },
      { kind: 'message', line: 5, chat, at: '2021-01-06T10:31:00.000Z', author: { name: 'Ana' }, text: '', mediaType: 'file' },
      { kind: 'message', line: 6, chat, at: '2021-01-12T23:05:00.000Z', author: { name: 'Carla, the Reader' }, text: 'Bom dia' },
      { line: 7, chat, at: '2021-01-12T23:06:00.000Z', kind: 'leave', person: { name: 'Bruno' } },
    ]);
  });

  it('reads an unpacked iOS export folder: bracketed times, group-attributed system lines, attachments', async () => {
    const recs = await collect({ path: path.join(own, 'WhatsApp Chat - Family'), isDirectory: true });
    const base = { file: '_chat.txt', chat: { name: 'Family' } };
    const msg = (line: number, at: string, author: string, text: string, mediaType?: string) =>
      ({ kind: 'message', line, ...base, at, author: { name: author }, text, ...(mediaType ? { mediaType } : {}) });
    expect(recs).toEqual([
      { line: 3, ...base, at: '2020-12-31T13:10:05.000Z', kind: 'join', person: { name: 'Dad' }, by: { name: 'Mum' }, via: 'added' },
      { line: 4, ...base, at: '2020-12-31T13:11:00.000Z', kind: 'join', person: { name: 'You' }, via: 'link' },
      msg(5, '2020-12-31T13:15:03.000Z', 'Mum', '', 'image'),
      msg(6, '2020-12-31T13:15:03.000Z', 'Mum', '', 'image'),
      msg(7, '2020-12-31T13:16:10.000Z', 'Dad', 'Happy new year 🎆\n新年快乐'),
      msg(9, '2020-12-31T13:17:00.000Z', 'Mum', '', 'voice'),
      msg(10, '2020-12-31T13:17:30.000Z', 'Dad', '', 'sticker'),
      msg(11, '2020-12-31T13:18:00.000Z', 'You', '', 'other'),
      msg(12, '2020-12-31T13:18:30.000Z', 'Dad', '', 'file'),
      msg(13, '2020-12-31T13:19:00.000Z', 'Mum', '', 'image'),
      { line: 14, ...base, at: '2021-01-01T00:00:00.000Z', kind: 'leave', person: { name: 'Uncle Joe' }, removedBy: { name: 'Dad' } },
      { kind: 'unparsed', line: 16, file: '_chat.txt', text: '[01/01/2021, 08:01:00] Family: \u200eMum changed the group wallpaper', reason: 'unrecognised system line' },
      msg(17, '2021-01-01T01:00:00.000Z', 'Dad', '', 'video'),
      msg(18, '2021-01-01T01:05:00.000Z', 'Mum', 'Location: https://maps.google.com/?q=31.2304,121.4737', 'location'),
    ]);
  });

  it('handles a.m./p.m., dotted dates, stray lines, bad dates, and falls back when the day order is never shown', async () => {
    const dotted = await collect(write('dotted.txt', [
      'stray line before any message',
      '31.12.20, 9:15 p.m. - Ana: hola',
      '32.12.20, 9:16 p.m. - Ana: bad day',
      '01.01.21, 12:01 a.m. - Ana: feliz año',
    ]), 'UTC');
    expect(dotted).toEqual([
      { kind: 'unparsed', line: 1, text: 'stray line before any message', reason: 'line without a timestamp outside any message' },
      { kind: 'message', line: 2, chat: { name: 'dotted' }, at: '2020-12-31T21:15:00.000Z', author: { name: 'Ana' }, text: 'hola' },
      { kind: 'unparsed', line: 3, text: '32.12.20, 9:16 p.m. - Ana: bad day', reason: 'invalid date or time' },
      { kind: 'message', line: 4, chat: { name: 'dotted' }, at: '2021-01-01T00:01:00.000Z', author: { name: 'Ana' }, text: 'feliz año' },
    ]);
    const days = (lines: string[]) => collect(write('undecided.txt', lines), 'UTC').then((r) => r.map((x) => x.at));
    // Never a component over 12 and both orders run forward: 12-hour clock means month-first (US) ...
    expect(await days(['1/2/21, 9:00 AM - A: x', '1/3/21, 9:00 AM - A: y'])).toEqual(['2021-01-02T09:00:00.000Z', '2021-01-03T09:00:00.000Z']);
    // ... 24-hour clock means day-first ...
    expect(await days(['1/2/21, 09:00 - A: x', '1/3/21, 09:00 - A: y'])).toEqual(['2021-02-01T09:00:00.000Z', '2021-03-01T09:00:00.000Z']);
    // ... unless only one order keeps the dates moving forward.
    expect(await days(['1/2/21, 9:00 AM - A: x', '2/2/21, 9:00 AM - A: y', '1/3/21, 9:00 AM - A: z'])).toEqual(['2021-02-01T09:00:00.000Z', '2021-02-02T09:00:00.000Z', '2021-03-01T09:00:00.000Z']);
  });

  it('sniffs its own exports high and every other fixture near zero', async () => {
    expect(await whatsappParser.sniff(file(path.join(own, 'WhatsApp Chat with 周末读书会.txt')))).toBeGreaterThan(0.85);
    expect(await whatsappParser.sniff(file(path.join(own, 'android-24h.txt')))).toBeGreaterThan(0.8);
    expect(await whatsappParser.sniff({ path: path.join(own, 'WhatsApp Chat - Family'), isDirectory: true })).toBeGreaterThan(0.85);
    for (const format of fs.readdirSync(fixtures).filter((f) => f !== 'whatsapp')) {
      for (const entry of fs.readdirSync(path.join(fixtures, format), { withFileTypes: true })) {
        const source = { path: path.join(fixtures, format, entry.name), isDirectory: entry.isDirectory() };
        expect(await whatsappParser.sniff(source), `${format}/${entry.name}`).toBeLessThan(0.15);
      }
    }
  });

  it('streams 200k messages in bounded memory and reports bytes read', async () => {
    const big = path.join(tmp, 'big.txt');
    const out = fs.createWriteStream(big);
    for (let i = 0; i < 200_000; i++) {
      const d = 13 + (Math.floor(i / 20_000) % 15), h = Math.floor(i / 1000) % 24, m = Math.floor(i / 60) % 60;
      const line = `${d}/06/2021, ${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')} - Member ${i % 500}: message number ${i} with some text\n`;
      if (!out.write(i % 10 === 0 ? line + 'a continuation line\n' : line)) await new Promise<void>((r) => out.once('drain', () => r()));
    }
    await new Promise<void>((r) => out.end(r));
    const size = fs.statSync(big).size;
    let bytes = 0, n = 0, peak = 0;
    const before = heapAfterGc();
    for await (const r of whatsappParser.parse(file(big), { timeZone: tz, onBytes: (b) => (bytes = b) })) {
      if (r.kind === 'message' && ++n % 25_000 === 0) peak = Math.max(peak, heapAfterGc() - before);
    }
    expect(n).toBe(200_000);
    expect(bytes).toBe(size);
    expect(peak).toBeLessThan(size / 10);
  });
});
