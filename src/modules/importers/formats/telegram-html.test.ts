import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { telegramHtmlParser as parser } from './telegram-html.js';
import { splitNames } from './telegram-html-service.js';
import { collect, FIXTURES, heapAfterGc, otherFixtures, sourceOf } from './parser-test-kit.js';

const dir = path.join(FIXTURES, 'telegram-html', 'chat');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tg-html-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const chat = { name: '深圳宝妈福利群 🎁' };
const p1 = (line: number, sourceId: string, at: string) => ({ line, file: 'messages.html', chat, sourceId, at });
const p2 = (line: number, sourceId: string, at: string) => ({ line, file: 'messages2.html', chat, sourceId, at });
const wang = { name: '王芳 Wang Fang' };

/** A page as Telegram Desktop lays it out, with the given message blocks inside its history. */
function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html>
 <head>
  <meta charset="utf-8"/>
<title>Exported Data</title>
 </head>
 <body onload="CheckLocation();">
  <div class="page_wrap">
   <div class="page_header">
    <div class="content">
     <div class="text bold">
${title}
     </div>
    </div>
   </div>
   <div class="page_body chat_page">
    <div class="history">
${body}
    </div>
   </div>
  </div>
 </body>
</html>
`;
}
const message = (id: number, title: string, from: string | null, text: string) => `
     <div class="message default clearfix${from === null ? ' joined' : ''}" id="message${id}">
      <div class="body">
       <div class="pull_right date details" title="${title}">
${title.slice(11, 16)}
       </div>
${from === null ? '' : `       <div class="from_name">\n${from}\n       </div>\n`}
       <div class="text">
${text}
       </div>
      </div>
     </div>`;

describe('telegram-html parse', () => {
  it('reads the pages of a chat in order: messages, continuations, joins, leaves, mentions, replies, media, and what it cannot read', async () => {
    expect(await collect(parser, dir)).toStrictEqual([
      // 1: the "1 March 2024" separator; 2: "created group …", a known non-member line.
      { kind: 'join', ...p1(3, '2', '2024-02-29T16:00:00.000Z'), person: { name: '赵敏' }, by: wang, via: 'added' },
      { kind: 'join', ...p1(3, '2-2', '2024-02-29T16:00:00.000Z'), person: { name: 'Lucy Chen' }, by: wang, via: 'added' },
      { kind: 'message', ...p1(4, '3', '2024-03-01T01:02:00.000Z'), author: wang, text: '欢迎新朋友！今晚8点秒杀 🎉\n记得准时来' },
      { kind: 'message', ...p1(5, '4', '2024-03-01T01:03:00.000Z'), author: wang, text: '价格 < 100 元 "包邮"' },
      { kind: 'join', ...p1(6, '5', '2024-03-01T01:03:00.000Z'), person: { name: '赵敏' }, by: wang, via: 'link' },
      { kind: 'message', ...p1(7, '6', '2024-03-01T01:06:00.000Z'), author: { name: '赵敏' }, text: '@wangfang_sz 收到，一定到', replyTo: '3', mentions: [{ name: 'wangfang_sz' }] },
      { kind: 'message', ...p1(8, '7', '2024-03-01T01:07:00.000Z'), author: wang, text: 'Lucy Chen 你的快递到了吗？', mentions: [{ name: 'Lucy Chen' }] },
      { kind: 'message', ...p1(9, '8', '2024-03-01T01:20:11.000Z'), author: { name: 'Lucy Chen' }, text: '', mediaType: 'image' },
      { kind: 'message', ...p1(10, '9', '2024-03-01T01:21:00.000Z'), author: { name: '赵敏' }, text: '', mediaType: 'sticker' },
      { kind: 'message', ...p1(11, '10', '2024-03-01T01:30:00.000Z'), author: wang, text: '', mediaType: 'voice' },
      { kind: 'message', ...p1(12, '11', '2024-03-01T02:00:00.000Z'), author: wang, text: '链接在这里 https://shop.example.cn/item/123', mediaType: 'link' },
      { kind: 'join', ...p1(13, '12', '2024-03-01T02:00:00.000Z'), person: { name: 'Tom' }, via: 'link' },
      { kind: 'leave', ...p1(14, '13', '2024-03-01T02:00:00.000Z'), person: { name: 'Tom' }, removedBy: wang },
      // messages2.html: 1 is the "2 March 2024" separator, so the leave takes that day's start; 3 is a pin.
      { kind: 'leave', ...p2(2, '14', '2024-03-01T16:00:00.000Z'), person: { name: 'Lucy Chen' } },
      { kind: 'unparsed', line: 4, file: 'messages2.html', text: '王芳 Wang Fang rolled a dice', reason: 'unknown service message' },
      {
        kind: 'unparsed', line: 5, file: 'messages2.html', reason: 'Telegram Desktop could not export this message (too old a version)',
        text: 'This message is not supported by this version of Telegram Desktop. Please update the application.',
      },
      { kind: 'message', ...p2(6, '18', '2024-03-02T01:00:00.000Z'), author: { name: 'Deleted Account' }, text: '还有货吗', replyTo: '6' },
      // Forwarded: the author is who forwarded it, not the channel named inside the forwarded block.
      { kind: 'message', ...p2(7, '19', '2024-03-02T01:05:00.000Z'), author: wang, text: '【转发】新品预告' },
      { kind: 'join', ...p2(8, '20', '2024-03-02T01:05:00.000Z'), person: { name: 'Amy' }, via: 'link' },
      { kind: 'message', ...p2(9, '21', '2024-03-02T02:01:00.000Z'), author: { name: 'Amy' }, text: '看这个视频', mediaType: 'video' },
      // A reply to another chat names no message here.
      { kind: 'message', ...p2(10, '22', '2024-03-02T02:02:00.000Z'), author: { name: 'Amy' }, text: '同意' },
      { kind: 'unparsed', line: 11, file: 'messages2.html', text: '坏的时间', reason: 'no readable date (title "yesterday")' },
    ]);
  });

  it('reads a single page given as a file', async () => {
    const records = await collect(parser, path.join(dir, 'messages2.html'));
    expect(records[0]).toStrictEqual({ kind: 'leave', line: 2, chat, sourceId: '14', at: '2024-03-01T16:00:00.000Z', person: { name: 'Lucy Chen' } });
    expect(records).toHaveLength(9);
  });

  it('reads title offsets, allowing for Telegram writing the standard offset all summer', async () => {
    const f = path.join(tmp, 'berlin', 'messages.html');
    fs.mkdirSync(path.dirname(f));
    fs.writeFileSync(f, page('Stammtisch', [
      message(1, '15.07.2021 14:00:00 UTC+01:00', 'Jonas', 'Sommer'),
      message(2, '15.01.2021 14:00:00 UTC+01:00', null, 'Winter'),
      message(3, '15.07.2021 14:00:00', null, 'ohne Versatz'),
    ].join('\n')));
    const times = async (tz: string) => (await collect(parser, path.dirname(f), tz)).map((r) => r.at);
    // The import's zone has +01:00 as standard offset: the zone decides, so July is +02:00.
    expect(await times('Europe/Berlin')).toStrictEqual(['2021-07-15T12:00:00.000Z', '2021-01-15T13:00:00.000Z', '2021-07-15T12:00:00.000Z']);
    // Another zone: the offset is taken as written, and carries over to a title without one.
    expect(await times('Asia/Shanghai')).toStrictEqual(['2021-07-15T13:00:00.000Z', '2021-01-15T13:00:00.000Z', '2021-07-15T13:00:00.000Z']);
  });

  it('splits invite lists as the exporter joins them, keeping names it has seen whole', () => {
    expect(splitNames('赵敏', new Set())).toStrictEqual(['赵敏']);
    expect(splitNames('A, B and C', new Set())).toStrictEqual(['A', 'B', 'C']);
    expect(splitNames('Tom and Jerry', new Set(['Tom and Jerry']))).toStrictEqual(['Tom and Jerry']);
    expect(splitNames('Tom and Jerry and 李娜', new Set(['Tom and Jerry']))).toStrictEqual(['Tom and Jerry', '李娜']);
  });

  it('reports progress as bytes read over all pages', async () => {
    const seen: number[] = [];
    await collect(parser, dir, 'Asia/Shanghai', (n) => seen.push(n));
    const total = ['messages.html', 'messages2.html'].reduce((s, f) => s + fs.statSync(path.join(dir, f)).size, 0);
    expect(seen.at(-1)).toBe(total);
    expect(seen).toStrictEqual([...seen].sort((a, b) => a - b));
  });
});

describe('telegram-html sniff', () => {
  it('is sure of its own export, folder or page', async () => {
    expect(await parser.sniff(sourceOf(dir))).toBeGreaterThanOrEqual(0.9);
    expect(await parser.sniff(sourceOf(path.join(dir, 'messages2.html')))).toBeGreaterThanOrEqual(0.9);
  });

  it('says no to every other format', async () => {
    const others = otherFixtures(['telegram-html']);
    expect(others.length).toBeGreaterThan(0);
    for (const f of others) expect({ f, score: await parser.sniff(sourceOf(f)) }).toStrictEqual({ f, score: 0 });
  });
});

describe('telegram-html memory', () => {
  it('streams 100k messages over 100 pages in bounded memory, in page order', async () => {
    const big = path.join(tmp, 'big');
    fs.mkdirSync(big);
    let size = 0;
    for (let p = 0; p < 100; p++) {
      const blocks: string[] = [];
      for (let i = p * 1000; i < (p + 1) * 1000; i++) {
        const s = String(i % 60).padStart(2, '0');
        blocks.push(message(i + 1, `01.01.2024 ${String(Math.floor(i / 3600) % 24).padStart(2, '0')}:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${s} UTC+08:00`, i % 5 ? null : `成员${i % 300}`, `第${i}条：今天的团购大家都收到了吗？`));
      }
      const name = p ? `messages${p + 1}.html` : 'messages.html';
      fs.writeFileSync(path.join(big, name), page('压测群', blocks.join('\n')));
      size += fs.statSync(path.join(big, name)).size;
    }
    const before = heapAfterGc();
    let count = 0;
    let peak = 0;
    for await (const r of parser.parse(sourceOf(big), { timeZone: 'Asia/Shanghai' })) {
      if (r.kind !== 'message') throw new Error(`unexpected ${r.kind}: ${JSON.stringify(r)}`);
      if (Number(r.sourceId) !== ++count) throw new Error(`out of order at ${r.sourceId}`);
      if (count % 50_000 === 0) peak = Math.max(peak, heapAfterGc() - before);
    }
    expect(count).toBe(100_000);
    expect(size).toBeGreaterThan(30e6);
    expect(peak).toBeLessThan(size / 10);
  }, 30_000);
});
