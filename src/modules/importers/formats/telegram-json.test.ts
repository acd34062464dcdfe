import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { telegramJsonParser as parser } from './telegram-json.js';
import { collect, FIXTURES, heapAfterGc, otherFixtures, sourceOf } from './parser-test-kit.js';

const dir = path.join(FIXTURES, 'telegram-json');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tg-json-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const chat = { id: '1734567890', name: '深圳宝妈福利群 🎁' };
const at = (line: number, sourceId: string, iso: string) => ({ line, file: 'result.json', chat, sourceId, at: iso });
const wang = { id: 'user5012345678', name: '王芳 Wang Fang' };
const zhao = { id: 'user6011111111', name: '赵敏' };
const lucy = { id: 'user6022222222', name: 'Lucy Chen' };

describe('telegram-json parse', () => {
  it('reads a single-chat export: messages, joins, leaves, mentions, replies, media and what it cannot read', async () => {
    const records = await collect(parser, path.join(dir, 'chat'));
    expect(records).toStrictEqual([
      // 1: create_group is a known non-member action and yields nothing.
      { kind: 'join', ...at(2, '2', '2024-03-01T01:01:10.000Z'), person: { name: '赵敏' }, by: wang, via: 'added' },
      { kind: 'join', ...at(2, '2-2', '2024-03-01T01:01:10.000Z'), person: { name: 'Lucy Chen' }, by: wang, via: 'added' },
      { kind: 'message', ...at(3, '3', '2024-03-01T01:02:00.000Z'), author: wang, text: '欢迎新朋友！今晚8点秒杀 🎉\n记得准时来' },
      { kind: 'join', ...at(4, '4', '2024-03-01T01:05:30.000Z'), person: zhao, by: { name: '王芳 Wang Fang' }, via: 'link' },
      { kind: 'message', ...at(5, '5', '2024-03-01T01:06:00.000Z'), author: zhao, text: '@wangfang_sz 收到，一定到', replyTo: '3', mentions: [{ name: 'wangfang_sz' }] },
      { kind: 'message', ...at(6, '6', '2024-03-01T01:07:00.000Z'), author: wang, text: 'Lucy Chen 你的快递到了吗？', mentions: [lucy] },
      { kind: 'message', ...at(7, '7', '2024-03-01T01:20:11.000Z'), author: lucy, text: '', mediaType: 'image' },
      { kind: 'message', ...at(8, '8', '2024-03-01T01:21:00.000Z'), author: zhao, text: '', mediaType: 'sticker' },
      { kind: 'message', ...at(9, '9', '2024-03-01T01:30:00.000Z'), author: wang, text: '', mediaType: 'voice' },
      { kind: 'message', ...at(10, '10', '2024-03-01T02:00:00.000Z'), author: wang, text: '链接在这里 https://shop.example.cn/item/123', mediaType: 'link' },
      { kind: 'join', ...at(11, '11', '2024-03-01T12:00:00.000Z'), person: { id: 'user6033333333', name: 'Tom' }, via: 'link' },
      { kind: 'leave', ...at(12, '12', '2024-03-01T13:00:00.000Z'), person: { name: 'Tom' }, removedBy: wang },
      { kind: 'leave', ...at(13, '13', '2024-03-02T00:00:00.000Z'), person: lucy },
      // 14: pin_message, skipped on purpose.
      {
        kind: 'unparsed', line: 15, file: 'result.json', reason: 'unknown service action "stake_dice_rolled"',
        text: '{"id":15,"type":"service","date":"2024-03-02T08:20:00","date_unixtime":"1709338800","actor":"王芳 Wang Fang","actor_id":"user5012345678","action":"stake_dice_rolled","text":"","text_entities":[]}',
      },
      {
        kind: 'unparsed', line: 16, file: 'result.json', text: '{"id":16,"type":"unsupported"}',
        reason: 'message type "unsupported" is not one Shequn reads (Telegram writes "unsupported" for media its exporter could not handle)',
      },
      { kind: 'message', ...at(17, '17', '2024-03-02T01:00:00.000Z'), author: { id: 'user6044444444', name: 'Deleted Account' }, text: '还有货吗' },
      { kind: 'message', ...at(18, '18', '2024-03-02T01:05:00.000Z'), author: wang, text: '【转发】新品预告' },
      { kind: 'join', ...at(19, '19', '2024-03-02T02:00:00.000Z'), person: { id: 'user6055555555', name: 'Amy' }, via: 'link' },
      { kind: 'message', ...at(20, '20', '2024-03-02T02:01:00.000Z'), author: { id: 'user6055555555', name: 'Amy' }, text: '看这个视频', mediaType: 'video' },
    ]);
  });

  it('reads a full account export chat by chat, left chats included, and names the private chats it leaves out', async () => {
    const records = await collect(parser, path.join(dir, 'account', 'result.json'));
    const club = { id: '4000000001', name: '读书会' };
    expect(records).toStrictEqual([
      { kind: 'unparsed', line: 1, text: '妈妈', reason: "personal_chat not imported: a full account export's one-to-one chats are private and not a community" },
      { kind: 'join', line: 3, chat: club, sourceId: '1', at: '2024-04-02T11:00:00.000Z', person: { name: '李娜' }, by: wang, via: 'added' },
      { kind: 'message', line: 4, chat: club, sourceId: '2', at: '2024-04-02T11:30:00.000Z', author: { id: 'user6077777777', name: '李娜' }, text: '本周读《活着》' },
      { kind: 'message', line: 5, chat: { id: '1700000002', name: '旧团购群' }, sourceId: '55', at: '2023-12-31T15:59:59.000Z', author: { id: 'user6088888888', name: '陈静' }, text: '新年快乐' },
    ]);
  });

  it('reads an older export: `date` in the given zone when there is no date_unixtime, numeric from_id', async () => {
    const old = { id: '300123', name: 'Old Friends' };
    const shanghai = await collect(parser, path.join(dir, 'old-version'));
    expect(shanghai).toStrictEqual([
      { kind: 'message', line: 1, file: 'result.json', chat: old, sourceId: '7', at: '2020-12-31T13:15:03.000Z', author: { id: 'user777', name: 'Li Lei' }, text: 'Happy new year!' },
      {
        kind: 'message', line: 2, file: 'result.json', chat: old, sourceId: '8', at: '2020-12-31T13:16:00.000Z', author: { id: 'user888', name: 'Han Meimei' },
        text: 'Same to you @lilei', replyTo: '7', mentions: [{ name: 'lilei' }],
      },
      {
        kind: 'unparsed', line: 3, file: 'result.json', reason: 'no readable date_unixtime or date',
        text: '{"id":9,"type":"message","date":"yesterday","from":"Li Lei","from_id":777,"text":"broken date"}',
      },
    ]);
    const berlin = await collect(parser, path.join(dir, 'old-version'), 'Europe/Berlin');
    expect(berlin[0]!.at).toBe('2020-12-31T20:15:03.000Z');
  });

  it('reports a file cut short, and JSON it cannot read, instead of stopping quietly', async () => {
    const full = fs.readFileSync(path.join(dir, 'chat', 'result.json'), 'utf8');
    const cut = path.join(tmp, 'cut.json');
    fs.writeFileSync(cut, full.slice(0, full.indexOf('"id": 4,')));
    const cutRecords = await collect(parser, cut);
    expect(cutRecords.filter((r) => r.kind === 'message').map((r) => r.sourceId)).toStrictEqual(['3']);
    expect(cutRecords.at(-1)).toStrictEqual({ kind: 'unparsed', line: 4, text: '', reason: 'the file ends before its JSON does (cut short while copying or exporting?)' });

    const bad = path.join(tmp, 'bad.json');
    fs.writeFileSync(bad, full.replace('"id": 5,', '"id": 5,,'));
    // The 64 KB block holding the error is lost with it; the whole fixture is one block, so the report names
    // message 1 (where that block began) and the block's byte range.
    expect(await collect(parser, bad)).toStrictEqual([
      { kind: 'unparsed', line: 1, text: `byte 0..${fs.statSync(bad).size}`, reason: expect.stringMatching(/^invalid JSON, reading stopped: /) },
    ]);
  });

  it('reports progress as bytes read, up to the whole file', async () => {
    const seen: number[] = [];
    await collect(parser, path.join(dir, 'chat'), 'Asia/Shanghai', (n) => seen.push(n));
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.at(-1)).toBe(fs.statSync(path.join(dir, 'chat', 'result.json')).size);
  });
});

describe('telegram-json sniff', () => {
  it('is sure of its own exports, folder or file', async () => {
    expect(await parser.sniff(sourceOf(path.join(dir, 'chat')))).toBeGreaterThanOrEqual(0.9);
    expect(await parser.sniff(sourceOf(path.join(dir, 'chat', 'result.json')))).toBeGreaterThanOrEqual(0.9);
    expect(await parser.sniff(sourceOf(path.join(dir, 'account')))).toBeGreaterThanOrEqual(0.8);
    expect(await parser.sniff(sourceOf(path.join(dir, 'old-version')))).toBeGreaterThanOrEqual(0.9);
  });

  it('says no to every other format', async () => {
    const others = otherFixtures(['telegram-json']);
    expect(others.length).toBeGreaterThan(0);
    for (const f of others) expect({ f, score: await parser.sniff(sourceOf(f)) }).toStrictEqual({ f, score: 0 });
  });
});

describe('telegram-json memory', () => {
  it('streams 200k messages in bounded memory', async () => {
    const file = path.join(tmp, 'big.json');
    const fd = fs.openSync(file, 'w');
    fs.writeSync(fd, '{\n "name": "压测群",\n "type": "private_supergroup",\n "id": 1999999999,\n "messages": [');
    const total = 200_000;
    for (let start = 0; start < total; start += 5000) {
      let s = '';
      for (let i = start; i < start + 5000; i++) {
        const u = i % 500;
        s += `${i ? ',' : ''}\n  {\n   "id": ${i + 1},\n   "type": "message",\n   "date": "2024-01-01T00:00:00",\n   "date_unixtime": "${1704038400 + i}",\n   "from": "成员${u}",\n   "from_id": "user${1000 + u}",\n   "text": "第${i}条消息，今天的团购大家都收到了吗？",\n   "text_entities": [\n    {\n     "type": "plain",\n     "text": "第${i}条消息，今天的团购大家都收到了吗？"\n    }\n   ]\n  }`;
      }
      fs.writeSync(fd, s);
    }
    fs.writeSync(fd, '\n ]\n}\n');
    fs.closeSync(fd);
    const size = fs.statSync(file).size;

    const before = heapAfterGc();
    let count = 0;
    let peak = 0;
    let lastId = 0;
    for await (const r of parser.parse(sourceOf(file), { timeZone: 'Asia/Shanghai' })) {
      if (r.kind !== 'message') throw new Error(`unexpected ${r.kind}`);
      if (Number(r.sourceId) !== ++lastId) throw new Error('out of order');
      if (++count % 50_000 === 0) peak = Math.max(peak, heapAfterGc() - before);
    }
    expect(count).toBe(total);
    expect(size).toBeGreaterThan(50e6);
    expect(peak).toBeLessThan(size / 10);
  }, 20_000);
});
