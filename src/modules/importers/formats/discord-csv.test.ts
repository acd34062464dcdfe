import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ImportRecord, ImportSource } from '../types.js';
import { discordCsvParser, parseDiscordDate } from './discord-csv.js';
import { chatFromFileName } from './discord-shared.js';
import { heapAfterGc } from './parser-test-kit.js';

const FIXTURES = path.join(import.meta.dirname, '../fixtures');
const SERVER = path.join(FIXTURES, 'discord-csv/server');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'shequn-discord-csv-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));


async function collect(source: ImportSource, onBytes?: (b: number) => void): Promise<unknown[]> {
  const out: unknown[] = [];
  for await (const r of discordCsvParser.parse(source, { timeZone: 'Asia/Shanghai', onBytes })) out.push(plain(r));
  return out;
}
const plain = (r: ImportRecord) => (r.kind === 'unparsed' ? r : { ...r, at: r.at.toISOString() });

const NEW_FILE = 'Shequn Fans - Text Channels - general [781234567890123456].csv';
const OLD_FILE = 'Shequn Fans - Text Channels - 团购 [781234567890123457] (after 2020-12-01).csv';
const general = { id: '781234567890123456', name: 'Shequn Fans - Text Channels - general' };
const tuan = { id: '781234567890123457', name: 'Shequn Fans - Text Channels - 团购' };
const alice = { id: '781100000000000001', name: 'alice_chen' };
const bob = { id: '781100000000000002', name: 'bobli' };
const carol = { id: '781100000000000003', name: 'carol.w' };

// Lines are file lines where each row starts; the CRLF file has a 3-line message at line 7.
const NEW = [
  { kind: 'join', line: 2, chat: general, at: '2020-12-31T11:00:00.123Z', person: bob, via: 'link' },
  { kind: 'message', line: 3, chat: general, at: '2020-12-31T13:15:03.123Z', author: alice, text: '@bobli 欢迎！新品预告看这里 https://shop.example.com/new' },
  { kind: 'message', line: 4, chat: general, at: '2020-12-31T13:16:40.500Z', author: bob, text: '谢谢 @爱丽！什么时候开团？' },
  { kind: 'message', line: 5, chat: general, at: '2020-12-31T13:20:00.000Z', author: carol, text: '晒单', mediaType: 'image' },
  // 6: "Pinned a message."
  { kind: 'message', line: 7, chat: general, at: '2021-01-01T01:00:00.000Z', author: alice, text: '元旦团购接龙：\n1. 爱丽 x2\n2. "Carol 王" x1' },
  { kind: 'unparsed', line: 10, text: '781100000000000004,dave,yesterday,坏日期,,', reason: 'unrecognised date "yesterday"' },
  { kind: 'message', line: 11, chat: general, at: '2021-01-01T01:30:00.000Z', author: carol, text: '', mediaType: 'voice' },
  // 12: "Started a thread."
];
const OLD = [
  { kind: 'message', line: 2, chat: tuan, at: '2020-12-31T13:15:00.000Z', author: { id: alice.id, name: 'alice_chen#1234' }, text: '团购今晚 8 点开始，接龙格式：\n名字 + 数量' },
  { kind: 'message', line: 4, chat: tuan, at: '2020-12-31T16:05:00.000Z', author: { id: '781100000000000004', name: 'dave#0420' }, text: '新年快乐 🎆', mediaType: 'video' },
  { kind: 'join', line: 5, chat: tuan, at: '2021-01-01T01:10:00.000Z', person: { id: carol.id, name: 'carol.w#7777' }, via: 'link' },
  { kind: 'unparsed', line: 6, text: '"781100000000000003","carol.w#7777","01-Jan-21 10:00 AM","我说"', reason: 'broken CSV quoting (CSV_INVALID_CLOSING_QUOTE)' },
];
const inFile = (file: string) => (r: object) => ({ ...r, file });

describe('discord-csv parser', () => {
  it('reads a current export: ISO dates with offset, CRLF rows, multi-line quoted content', async () => {
    expect(await collect({ path: path.join(SERVER, NEW_FILE), isDirectory: false })).toEqual(NEW);
  });

  it('reads a folder of exports in name order, old dd-MMM-yy dates in the given zone, broken quoting reported', async () => {
    const bytes: number[] = [];
    expect(await collect({ path: SERVER, isDirectory: true }, (b) => bytes.push(b))).toEqual([...NEW.map(inFile(NEW_FILE)), ...OLD.map(inFile(OLD_FILE))]);
    expect(bytes).toEqual([...bytes].sort((a, b) => a - b));
    expect(bytes.at(-1)).toBe(fs.statSync(path.join(SERVER, NEW_FILE)).size + fs.statSync(path.join(SERVER, OLD_FILE)).size);
  });

  it('reads group-DM notices and the oldest header without AuthorID', async () => {
    const file = path.join(tmp, 'Direct Messages - Private - 小分队 [781234567890120001].csv');
    fs.writeFileSync(file, [
      'Author,Date,Content,Attachments',
      '"alice_chen#1234","01-Jan-21 12:00 PM","Added dave to the group.",""',
      '"bobli#5678","01-Jan-21 01:00 PM","Left the group.",""',
      '"alice_chen#1234","01-Jan-21 02:00 PM","Removed Carol 王 from the group.",""',
      '"alice_chen#1234","01-Jan-21 03:00 PM","Started a call that lasted 12 minutes.",""',
      '"alice_chen#1234","1/1/2021 4:00 PM","Changed the channel name: 周末团购小分队",""',
      '', ''].join('\n'));
    const chat = { id: '781234567890120001', name: 'Direct Messages - Private - 小分队' };
    const a = { name: 'alice_chen#1234' };
    expect(await collect({ path: file, isDirectory: false })).toEqual([
      { kind: 'join', line: 2, chat, at: '2021-01-01T04:00:00.000Z', person: { name: 'dave' }, by: a, via: 'added' },
      { kind: 'leave', line: 3, chat, at: '2021-01-01T05:00:00.000Z', person: { name: 'bobli#5678' } },
      { kind: 'leave', line: 4, chat, at: '2021-01-01T06:00:00.000Z', person: { name: 'Carol 王' }, removedBy: a },
    ]);
    expect(await discordCsvParser.sniff({ path: file, isDirectory: false })).toBeGreaterThan(0.8);
  });

  it('parses the date formats DiscordChatExporter has written', () => {
    const iso = (s: string, tz = 'Asia/Shanghai') => parseDiscordDate(s, tz)?.toISOString();
    expect(iso('2020-12-31T21:15:03.123+08:00')).toBe('2020-12-31T13:15:03.123Z');
    expect(iso('2020-12-31T13:15:03Z')).toBe('2020-12-31T13:15:03.000Z');
    expect(iso('31-Dec-20 09:15 PM')).toBe('2020-12-31T13:15:00.000Z');
    expect(iso('01-Jan-21 12:05 AM')).toBe('2020-12-31T16:05:00.000Z');
    expect(iso('01-Jan-21 12:05 PM', 'America/New_York')).toBe('2021-01-01T17:05:00.000Z');
    expect(iso('12/31/2020 9:15 PM')).toBe('2020-12-31T13:15:00.000Z');
    expect(iso('2020-12-31 21:15')).toBe('2020-12-31T13:15:00.000Z');
    expect(iso('31-Foo-20 09:15 PM')).toBeUndefined();
    expect(iso('13/31/2020 9:15 PM')).toBeUndefined();
  });

  it('sniffs its own exports high and the other fixtures near zero', async () => {
    expect(await discordCsvParser.sniff({ path: SERVER, isDirectory: true })).toBeGreaterThan(0.9);
    expect(await discordCsvParser.sniff({ path: path.join(SERVER, OLD_FILE), isDirectory: false })).toBeGreaterThan(0.9);
    for (const format of fs.readdirSync(FIXTURES)) {
      if (format === 'discord-csv') continue;
      for (const entry of fs.readdirSync(path.join(FIXTURES, format))) {
        const full = path.join(FIXTURES, format, entry);
        expect(await discordCsvParser.sniff({ path: full, isDirectory: fs.statSync(full).isDirectory() }), full).toBeLessThan(0.1);
      }
    }
  });

  it('streams a 200k-row export in bounded memory', async () => {
    const file = path.join(tmp, 'Big - Text Channels - all [123456789012345678].csv');
    const fd = fs.openSync(file, 'w');
    fs.writeSync(fd, 'AuthorID,Author,Date,Content,Attachments,Reactions\r\n');
    const N = 200_000;
    for (let start = 0; start < N; start += 10_000) {
      let part = '';
      for (let i = start; i < start + 10_000; i++) {
        const content = i % 10 === 0 ? `第${i}条消息\n第二行 ""引用""` : `第${i}条消息，今天的团购链接 https://shop.example.com/d/${i}`;
        part += `"${i % 1000}","user${i % 1000}","2021-01-01T00:00:00.000+08:00","${content}","","👍 (1)"\r\n`;
      }
      fs.writeSync(fd, part);
    }
    fs.closeSync(fd);
    const size = fs.statSync(file).size;

    const before = heapAfterGc();
    let peak = 0;
    let n = 0;
    let lastLine = 0;
    for await (const r of discordCsvParser.parse({ path: file, isDirectory: false }, { timeZone: 'UTC' })) {
      if (r.kind !== 'message') throw new Error(JSON.stringify(r));
      n++;
      lastLine = r.line;
      if (n % 50_000 === 0) {
        peak = Math.max(peak, heapAfterGc() - before);
      }
    }
    expect(n).toBe(N);
    // The header, one line per row, and one more for each two-line message before the last row.
    expect(lastLine).toBe(1 + N + N / 10);
    expect(peak).toBeLessThan(size / 10);
  });
});

describe('chat from a DiscordChatExporter file name', () => {
  it('takes the bracketed channel id, also after upload sanitising turned brackets into "_"', () => {
    expect(chatFromFileName('/x/Shequn Fans - Text Channels - 团购 [781234567890123457] (after 2020-12-01).csv')).toEqual(tuan);
    expect(chatFromFileName('Shequn Fans - Text Channels - 团购 _781234567890123457_ (2020-12-01 to 2021-01-01) _part 2_.json')).toEqual(tuan);
    expect(chatFromFileName('my export.csv')).toEqual({ name: 'my export' });
  });
});
