import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ImportRecord, ImportSource } from '../types.js';
import { discordJsonParser } from './discord-json.js';
import { heapAfterGc } from './parser-test-kit.js';

const FIXTURES = path.join(import.meta.dirname, '../fixtures');
const SERVER = path.join(FIXTURES, 'discord-json/server');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'shequn-discord-json-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));


async function collect(source: ImportSource, onBytes?: (b: number) => void): Promise<unknown[]> {
  const out: unknown[] = [];
  for await (const r of discordJsonParser.parse(source, { timeZone: 'Asia/Shanghai', onBytes })) out.push(plain(r));
  return out;
}
const plain = (r: ImportRecord) => (r.kind === 'unparsed' ? r : { ...r, at: r.at.toISOString() });

const GROUP_FILE = 'Direct Messages - Private - 周末团购小分队 [781234567890120001].json';
const GENERAL_FILE = 'Shequn Fans - Text Channels - general [781234567890123456].json';
const TUAN_FILE = 'Shequn Fans - Text Channels - 团购 [781234567890123457].json';
const groupChat = { id: '781234567890120001', name: 'Direct Messages / 周末团购小分队' };
const general = { id: '781234567890123456', name: 'Shequn Fans / general' };
const tuan = { id: '781234567890123457', name: 'Shequn Fans / 团购' };
const alice = { id: '781100000000000001', name: '爱丽' };
const bob = { id: '781100000000000002', name: 'bobli' };
const carol = { id: '781100000000000003', name: 'Carol 王' };
const dave = { id: '781100000000000004', name: 'dave' };

const GROUP = [
  { kind: 'join', line: 1, chat: groupChat, sourceId: '790000000000000201', at: '2021-01-01T04:00:00.000Z', person: dave, by: alice, via: 'added' },
  { kind: 'message', line: 2, chat: groupChat, sourceId: '790000000000000202', at: '2021-01-01T04:01:00.000Z', author: dave, text: '大家好' },
  { kind: 'leave', line: 3, chat: groupChat, sourceId: '790000000000000203', at: '2021-01-01T05:00:00.000Z', person: bob },
  { kind: 'leave', line: 4, chat: groupChat, sourceId: '790000000000000204', at: '2021-01-01T06:00:00.000Z', person: carol, removedBy: alice },
  // 5: Call
];
const GENERAL = [
  { kind: 'join', line: 1, chat: general, sourceId: '790000000000000001', at: '2020-12-31T11:00:00.123Z', person: bob, via: 'link' },
  { kind: 'message', line: 2, chat: general, sourceId: '790000000000000002', at: '2020-12-31T13:15:03.123Z', author: alice, text: '@bobli 欢迎！新品预告看这里 https://shop.example.com/new', mentions: [bob] },
  {
    kind: 'message', line: 3, chat: general, sourceId: '790000000000000003', at: '2020-12-31T13:16:40.500Z', author: bob,
    text: '谢谢 @爱丽！什么时候开团？', replyTo: '790000000000000002', mentions: [alice],
  },
  { kind: 'message', line: 4, chat: general, sourceId: '790000000000000004', at: '2020-12-31T13:20:00.000Z', author: carol, text: '晒单', mediaType: 'image' },
  // 5: ChannelPinnedMessage
  { kind: 'message', line: 6, chat: general, sourceId: '790000000000000006', at: '2020-12-31T13:22:00.000Z', author: dave, text: '', mediaType: 'sticker' },
  // Bots are ordinary authors.
  { kind: 'message', line: 7, chat: general, sourceId: '790000000000000007', at: '2020-12-31T13:30:00.000Z', author: { id: '781100000000000099', name: 'ShopBot' }, text: '🎉 今日秒杀已开始：https://shop.example.com/flash' },
  // 8: ThreadCreated
  { kind: 'message', line: 9, chat: general, sourceId: '790000000000000010', at: '2020-12-31T13:40:00.000Z', author: carol, text: '', mediaType: 'voice' },
  {
    kind: 'unparsed', line: 10,
    text: '{"id":"790000000000000011","type":"8","timestamp":"2020-12-31T22:00:00+08:00","timestampEdited":null,"callEndedTimestamp":null,"isPinned":false,"content":"","author":{"id":"781100000000000004","name":',
    reason: 'unknown message type "8"',
  },
  {
    kind: 'unparsed', line: 11,
    text: '{"id":"790000000000000012","type":"Default","timestampEdited":null,"isPinned":false,"content":"没有时间戳","author":{"id":"781100000000000003","name":"carol.w","discriminator":"0000","nickname":"Carol 王","',
    reason: 'message has no valid timestamp',
  },
];
const TUAN = [
  { kind: 'message', line: 1, chat: tuan, sourceId: '790000000000000101', at: '2021-01-01T01:00:00.000Z', author: alice, text: '元旦团购接龙：\n1. 爱丽 x2\n2. ' },
  { kind: 'message', line: 2, chat: tuan, sourceId: '790000000000000102', at: '2021-01-01T01:10:00.000Z', author: carol, text: '3. Carol 王 x1', replyTo: '790000000000000101' },
];
const inFile = (file: string) => (r: object) => ({ ...r, file });

describe('discord-json parser', () => {
  it('reads one exported channel', async () => {
    expect(await collect({ path: path.join(SERVER, GENERAL_FILE), isDirectory: false })).toEqual(GENERAL);
  });

  it('reads a folder of exports as several chats, files in name order, with cumulative progress', async () => {
    const bytes: number[] = [];
    expect(await collect({ path: SERVER, isDirectory: true }, (b) => bytes.push(b))).toEqual([
      ...GROUP.map(inFile(GROUP_FILE)), ...GENERAL.map(inFile(GENERAL_FILE)), ...TUAN.map(inFile(TUAN_FILE)),
    ]);
    const total = [GROUP_FILE, GENERAL_FILE, TUAN_FILE].reduce((n, f) => n + fs.statSync(path.join(SERVER, f)).size, 0);
    expect(bytes).toEqual([...bytes].sort((a, b) => a - b));
    expect(bytes.at(-1)).toBe(total);
  });

  it('reports where a truncated file breaks off and keeps what came before', async () => {
    const full = fs.readFileSync(path.join(SERVER, TUAN_FILE), 'utf8');
    const cut = path.join(tmp, 'cut.json');
    fs.writeFileSync(cut, full.slice(0, full.indexOf('"id": "790000000000000102"') + 10));
    expect(await collect({ path: cut, isDirectory: false })).toEqual([
      { ...TUAN[0], chat: tuan },
      { kind: 'unparsed', line: 2, text: '', reason: 'the JSON breaks off here, nothing after it can be read: the file ends before the JSON does' },
    ]);
  });

  it('sniffs its own exports high and the other fixtures near zero', async () => {
    expect(await discordJsonParser.sniff({ path: SERVER, isDirectory: true })).toBeGreaterThan(0.9);
    expect(await discordJsonParser.sniff({ path: path.join(SERVER, GENERAL_FILE), isDirectory: false })).toBeGreaterThan(0.9);
    for (const format of fs.readdirSync(FIXTURES)) {
      if (format === 'discord-json') continue;
      for (const entry of fs.readdirSync(path.join(FIXTURES, format))) {
        const full = path.join(FIXTURES, format, entry);
        expect(await discordJsonParser.sniff({ path: full, isDirectory: fs.statSync(full).isDirectory() }), full).toBeLessThan(0.1);
      }
    }
  });

  it('streams a 200k-message export in bounded memory', async () => {
    const file = path.join(tmp, 'big.json');
    const fd = fs.openSync(file, 'w');
    fs.writeSync(fd, '{\n  "guild": {"id": "1", "name": "Big"},\n  "channel": {"id": "2", "type": "GuildTextChat", "categoryId": null, "category": null, "name": "all", "topic": null},\n  "exportedAt": "2021-01-02T10:00:00+08:00",\n  "messages": [\n');
    const N = 200_000;
    for (let start = 0; start < N; start += 10_000) {
      const part: string[] = [];
      for (let i = start; i < start + 10_000; i++) {
        const reply = i % 5 === 4 ? `, "reference": {"messageId": "${i - 1}", "channelId": "2", "guildId": "1"}` : '';
        part.push(`    {"id": "${i}", "type": "${reply ? 'Reply' : 'Default'}", "timestamp": "2021-01-01T00:00:00+08:00", "timestampEdited": null, "isPinned": false, "content": "第${i}条消息，今天的团购链接 https://shop.example.com/d/${i}", "author": {"id": "${i % 1000}", "name": "user${i % 1000}", "discriminator": "0000", "nickname": "用户${i % 1000}", "isBot": false}, "attachments": [], "embeds": [], "stickers": [], "reactions": [], "mentions": []${reply}}`);
      }
      fs.writeSync(fd, part.join(',\n') + (start + 10_000 < N ? ',\n' : '\n'));
    }
    fs.writeSync(fd, `  ],\n  "messageCount": ${N}\n}\n`);
    fs.closeSync(fd);
    const size = fs.statSync(file).size;

    const before = heapAfterGc();
    let peak = 0;
    let n = 0;
    let replies = 0;
    for await (const r of discordJsonParser.parse({ path: file, isDirectory: false }, { timeZone: 'UTC' })) {
      if (r.kind !== 'message') throw new Error(JSON.stringify(r));
      n++;
      if (r.replyTo) replies++;
      if (n % 50_000 === 0) {
        peak = Math.max(peak, heapAfterGc() - before);
      }
    }
    expect(n).toBe(N);
    expect(replies).toBe(N / 5);
    expect(peak).toBeLessThan(size / 10);
  });
});
