import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import type { ImportRecord, ImportSource } from '../types.js';
import { slackParser } from './slack.js';
import { heapAfterGc } from './parser-test-kit.js';

const FIXTURES = path.join(import.meta.dirname, '../fixtures');
const EXPORT = path.join(FIXTURES, 'slack/export');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'shequn-slack-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));


async function collect(source: ImportSource, onBytes?: (b: number) => void): Promise<unknown[]> {
  const out: unknown[] = [];
  for await (const r of slackParser.parse(source, { timeZone: 'Asia/Shanghai', onBytes })) out.push(plain(r));
  return out;
}
const plain = (r: ImportRecord) => ({ ...r, at: r.kind === 'unparsed' ? undefined : r.at.toISOString() });

/** Every file under a folder, relative with "/", for zipping. */
function walk(dir: string, rel = ''): string[] {
  return fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((d) => {
    const r = rel ? `${rel}/${d.name}` : d.name;
    return d.isDirectory() ? walk(dir, r) : [r];
  });
}

/** A minimal zip writer (deflated or stored entries), so the test needs no zip tool. */
function writeZip(file: string, entries: { name: string; data: Buffer }[], deflate: boolean): void {
  const fd = fs.openSync(file, 'w');
  const central: Buffer[] = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const body = deflate ? zlib.deflateRawSync(data) : data;
    const nameBuf = Buffer.from(name, 'utf8');
    const crc = zlib.crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(deflate ? 8 : 0, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    fs.writeSync(fd, local);
    fs.writeSync(fd, nameBuf);
    fs.writeSync(fd, body);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(0x0800, 8);
    cd.writeUInt16LE(deflate ? 8 : 0, 10);
    cd.writeUInt32LE(crc, 16);
    cd.writeUInt32LE(body.length, 20);
    cd.writeUInt32LE(data.length, 24);
    cd.writeUInt16LE(nameBuf.length, 28);
    cd.writeUInt32LE(offset, 42);
    central.push(cd, nameBuf);
    offset += 30 + nameBuf.length + body.length;
  }
  const cdBuf = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cdBuf.length, 12);
  end.writeUInt32LE(offset, 16);
  fs.writeSync(fd, cdBuf);
  fs.writeSync(fd, end);
  fs.closeSync(fd);
}

const general = { id: 'C01GENERAL1', name: 'general' };
const alice = { id: 'U01ABCDE1', name: '爱丽' };
const bob = { id: 'U01ABCDE2', name: 'Bob Li' };
const carol = { id: 'U01ABCDE3', name: 'Carol' };
const dave = { id: 'U01ABCDE4', name: 'dave.z' };
const d1 = 'general/2020-12-31.json';
const d2 = 'general/2021-01-01.json';

const EXPECTED = [
  { kind: 'join', line: 1, file: d1, chat: general, sourceId: '1609412400.000100', at: '2020-12-31T11:00:00.000Z', person: alice, via: 'link' },
  { kind: 'join', line: 2, file: d1, chat: general, sourceId: '1609412460.000200', at: '2020-12-31T11:01:00.000Z', person: bob, by: alice, via: 'added' },
  {
    kind: 'message', line: 3, file: d1, chat: general, sourceId: '1609420503.000200', at: '2020-12-31T13:15:03.000Z', author: alice,
    text: '@Bob Li 欢迎！新品预告看这里 https://shop.example.com/new?ref=slack & 记得去 #random 签到', mentions: [bob],
  },
  {
    kind: 'message', line: 4, file: d1, chat: general, sourceId: '1609420563.000300', at: '2020-12-31T13:16:03.000Z', author: bob,
    text: '谢谢！@here 大家一起来看 常见问题 (https://docs.example.com/faq)', replyTo: '1609420503.000200',
  },
  // 5 bot_message and 6 channel_topic are not about members
  { kind: 'message', line: 7, file: d1, chat: general, sourceId: '1609420620.000500', at: '2020-12-31T13:17:00.000Z', author: carol, text: '同问，什么时候开团？', replyTo: '1609420503.000200' },
  { kind: 'message', line: 8, file: d1, chat: general, sourceId: '1609421000.000600', at: '2020-12-31T13:23:20.000Z', author: carol, text: '今天的晒单', mediaType: 'image' },
  { kind: 'message', line: 1, file: d2, chat: general, sourceId: '1609459200.000100', at: '2021-01-01T00:00:00.000Z', author: dave, text: '', mediaType: 'file' },
  { kind: 'leave', line: 2, file: d2, chat: general, sourceId: '1609462800.000200', at: '2021-01-01T01:00:00.000Z', person: bob },
  // 3 pinned_item
  { kind: 'message', line: 4, file: d2, chat: general, sourceId: '1609463000.000400', at: '2021-01-01T01:03:20.000Z', author: alice, text: '给大家拜年了' },
  { kind: 'message', line: 5, file: d2, chat: general, sourceId: '1609463100.000500', at: '2021-01-01T01:05:00.000Z', author: { id: 'U02PARTNER1', name: 'Erin Wu' }, text: 'Hi from the partner workspace :wave:' },
  { kind: 'unparsed', line: 6, file: d2, text: '{"type":"message","user":"U01ABCDE3","text":"这条没有时间戳"}', reason: 'message has no valid ts' },
  {
    kind: 'unparsed', line: 7, file: d2,
    text: '{"type":"message","subtype":"ekm_access_denied","ts":"1609463300.000700","user":"U01ABCDE1","text":"Your admins have suspended everyone\'s access to this content."}',
    reason: 'unknown message subtype "ekm_access_denied"',
  },
  {
    kind: 'message', line: 1, file: 'random/2020-12-31.json', chat: { id: 'C01RANDOM01', name: 'random' }, sourceId: '1609423200.000100', at: '2020-12-31T14:00:00.000Z',
    author: carol, text: '@爱丽 抽奖结果出来了吗？@ops 帮忙看下 ops@example.com', mentions: [alice],
  },
  { kind: 'join', line: 1, file: 'vip-club/2021-01-01.json', chat: { id: 'G01VIPCLUB1', name: 'vip-club' }, sourceId: '1609470000.000100', at: '2021-01-01T03:00:00.000Z', person: dave, by: alice, via: 'added' },
  {
    kind: 'message', line: 2, file: 'vip-club/2021-01-01.json', chat: { id: 'G01VIPCLUB1', name: 'vip-club' }, sourceId: '1609470060.000200', at: '2021-01-01T03:01:00.000Z',
    author: dave, text: '谢谢邀请 @爱丽，先听听语音 @爱丽', mentions: [alice], mediaType: 'voice',
  },
].map((r) => (r.kind === 'unparsed' ? { ...r, at: undefined } : r));

describe('slack parser', () => {
  it('reads an export folder: channels.json then groups.json order, days in order, DMs skipped', async () => {
    const bytes: number[] = [];
    expect(await collect({ path: EXPORT, isDirectory: true }, (b) => bytes.push(b))).toEqual(EXPECTED);
    expect(bytes).toEqual([...bytes].sort((a, b) => a - b));
    const dm = fs.statSync(path.join(EXPORT, 'D01DM00001/2021-01-01.json')).size;
    const total = walk(EXPORT).reduce((n, f) => n + fs.statSync(path.join(EXPORT, f)).size, 0);
    expect(bytes.at(-1)).toBe(total - dm);
  });

  it('reads the same export from a zip whose entries come in any order', async () => {
    const files = walk(EXPORT).reverse();
    const zip = path.join(tmp, 'Shequn Slack export Dec 31 2020 - Jan 1 2021.zip');
    writeZip(zip, files.map((name) => ({ name, data: fs.readFileSync(path.join(EXPORT, name)) })), true);
    expect(await collect({ path: zip, isDirectory: false })).toEqual(EXPECTED);
    expect(await slackParser.sniff({ path: zip, isDirectory: false })).toBeGreaterThan(0.9);

    const wrapped = path.join(tmp, 'wrapped.zip');
    writeZip(wrapped, files.map((name) => ({ name: `slack-export/${name}`, data: fs.readFileSync(path.join(EXPORT, name)) })), false);
    expect(await collect({ path: wrapped, isDirectory: false })).toEqual(EXPECTED);
  });

  it('reports folders that are not listed channels and day files that are not JSON', async () => {
    const dir = path.join(tmp, 'odd');
    fs.cpSync(EXPORT, dir, { recursive: true });
    fs.mkdirSync(path.join(dir, 'old-campaign'));
    fs.writeFileSync(path.join(dir, 'old-campaign/2020-06-01.json'), '[]');
    fs.writeFileSync(path.join(dir, 'random/2021-01-02.json'), '[{"type": "message", "user": "U01ABCDE3", "ts": "1609');
    const recs = (await collect({ path: dir, isDirectory: true })) as ImportRecord[];
    expect(recs.filter((r) => r.kind === 'unparsed' && r.line === 0)).toEqual([
      { kind: 'unparsed', line: 0, file: 'random/2021-01-02.json', text: '[{"type": "message", "user": "U01ABCDE3", "ts": "1609', reason: expect.stringMatching(/^invalid JSON/), at: undefined },
      { kind: 'unparsed', line: 0, file: 'old-campaign/', text: 'old-campaign', reason: 'folder is not a channel listed in channels.json or groups.json', at: undefined },
    ]);
  });

  it('sniffs its own export high and the other fixtures near zero', async () => {
    expect(await slackParser.sniff({ path: EXPORT, isDirectory: true })).toBeGreaterThan(0.9);
    for (const format of fs.readdirSync(FIXTURES)) {
      if (format === 'slack') continue;
      for (const entry of fs.readdirSync(path.join(FIXTURES, format))) {
        const full = path.join(FIXTURES, format, entry);
        expect(await slackParser.sniff({ path: full, isDirectory: fs.statSync(full).isDirectory() }), full).toBeLessThan(0.1);
      }
    }
  });

  it('streams a 200k-message zipped export in bounded memory', async () => {
    const zip = path.join(tmp, 'big.zip');
    const user = (i: number) => `U0${(i % 500).toString().padStart(8, '0')}`;
    const users = Array.from({ length: 500 }, (_, i) => ({ id: user(i), name: `user${i}`, real_name: `用户${i}`, profile: { display_name: '', real_name: `用户${i}` } }));
    const entries = [
      { name: 'users.json', data: Buffer.from(JSON.stringify(users)) },
      { name: 'channels.json', data: Buffer.from(JSON.stringify([{ id: 'C0BIG', name: 'big', created: 1600000000, members: [] }])) },
    ];
    const perDay = 500;
    for (let day = 0; day < 400; day++) {
      const start = 1600000000 + day * 86400;
      const msgs = Array.from({ length: perDay }, (_, i) => ({
        client_msg_id: `m-${day}-${i}`, type: 'message', user: user(i), ts: `${start + i * 60}.000100`,
        text: `第${day}天的第${i}条消息 <@${user(i + 1)}> 今天的团购链接 <https://shop.example.com/d/${day}|查看>`, team: 'T0BIG',
      }));
      const date = new Date(start * 1000).toISOString().slice(0, 10);
      entries.push({ name: `big/${date}.json`, data: Buffer.from(JSON.stringify(msgs)) });
    }
    writeZip(zip, entries, false);
    const size = fs.statSync(zip).size;
    expect(size).toBeGreaterThan(40e6);

    const before = heapAfterGc();
    let peak = 0;
    let n = 0;
    for await (const r of slackParser.parse({ path: zip, isDirectory: false }, { timeZone: 'UTC' })) {
      if (r.kind === 'message') n++;
      if (n % 50_000 === 0) {
        peak = Math.max(peak, heapAfterGc() - before);
      }
    }
    expect(n).toBe(200_000);
    expect(peak).toBeLessThan(size / 10);
  });
});
