import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { ImportRecord, ImportSource } from '../types.js';
import { qqTxtParser } from './qq-txt.js';
import { heapAfterGc } from './parser-test-kit.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures');
const own = path.join(fixtures, 'qq-txt', '全部消息记录.txt');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'shequn-qq-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));


const file = (p: string): ImportSource => ({ path: p, isDirectory: false });
async function collect(source: ImportSource): Promise<any[]> {
  const out: ImportRecord[] = [];
  for await (const r of qqTxtParser.parse(source, { timeZone: 'Asia/Shanghai' })) out.push(r);
  return JSON.parse(JSON.stringify(out));
}

describe('qq-txt parser', () => {
  it('reads a two-group export: ids, multi-line text, media markers, mentions and 10000 system messages', async () => {
    const fans = { name: '小米粉丝交流群' }, node = { name: 'Node.js 学习群' };
    const zhang = { id: '10001', name: '张三' }, li = { id: '10002', name: '李四' }, wang = { id: '10003', name: '王五' };
    const lucy = { id: 'lucy@example.com', name: 'Lucy' };
    expect(await collect(file(own))).toEqual([
      { line: 9, chat: fans, at: '2020-01-01T00:05:03.000Z', kind: 'join', person: li, by: zhang, via: 'added' },
      { line: 9, chat: fans, at: '2020-01-01T00:05:03.000Z', kind: 'join', person: wang, by: zhang, via: 'added' },
      { kind: 'message', line: 12, chat: fans, at: '2020-01-01T00:05:30.000Z', author: li, text: '大家好，新人报到' },
      { kind: 'message', line: 15, chat: fans, at: '2020-01-01T04:00:00.000Z', author: zhang, text: '欢迎 @李四 @王五 \n周末有线下活动：\n\n  地点待定', mentions: [{ name: '李四' }, { name: '王五' }] },
      { kind: 'message', line: 21, chat: fans, at: '2020-01-01T04:01:00.000Z', author: zhang, text: '', mediaType: 'image' },
      { kind: 'message', line: 24, chat: fans, at: '2020-01-01T04:02:00.000Z', author: wang, text: '看这个好看吗', mediaType: 'image' },
      { kind: 'message', line: 27, chat: fans, at: '2020-01-01T04:03:00.000Z', author: lucy, text: '', mediaType: 'sticker' },
      { kind: 'message', line: 30, chat: fans, at: '2020-01-01T04:04:00.000Z', author: li, text: '', mediaType: 'voice' },
      { line: 33, chat: fans, at: '2020-01-01T15:59:59.000Z', kind: 'join', person: { name: '赵六' }, via: 'unknown' },
      { line: 36, chat: fans, at: '2020-01-02T01:00:00.000Z', kind: 'leave', person: wang },
      { line: 39, chat: fans, at: '2020-01-02T01:10:00.000Z', kind: 'leave', person: { name: '赵六' }, removedBy: { name: '管理员' } },
      { kind: 'unparsed', line: 42, text: '张三(10001)已成为本群管理员', reason: 'unrecognised QQ system message' },
      { kind: 'message', line: 51, chat: node, at: '2021-03-05T12:15:00.000Z', author: lucy, text: '', mediaType: 'file' },
      { kind: 'message', line: 54, chat: node, at: '2021-03-05T12:16:00.000Z', author: { id: '123456789', name: '小明' }, text: 'thanks!', mediaType: 'video' },
      { line: 57, chat: node, at: '2021-03-05T12:17:00.000Z', kind: 'leave', person: { id: '987654321', name: '小红' }, removedBy: { id: '123456789', name: '小明' } },
    ]);
  });

  it('names the chat after the file without a 消息对象 section, and reports stray lines and bad dates', async () => {
    const p = path.join(tmp, '某某粉丝群.txt');
    fs.writeFileSync(p, ['没有头的行', '', '2020-02-30 25:00:00 小明(123456789)', '坏时间', '', '2020-03-01 10:00:00 我', '你好', ''].join('\n'));
    expect(await collect(file(p))).toEqual([
      { kind: 'unparsed', line: 1, text: '没有头的行', reason: 'line outside any message' },
      { kind: 'unparsed', line: 3, text: '2020-02-30 25:00:00 小明(123456789)', reason: 'invalid date or time' },
      { kind: 'unparsed', line: 4, text: '坏时间', reason: 'line outside any message' },
      { kind: 'message', line: 6, chat: { name: '某某粉丝群' }, at: '2020-03-01T02:00:00.000Z', author: { name: '我' }, text: '你好' },
    ]);
  });

  it('sniffs its own export high and every other fixture near zero', async () => {
    expect(await qqTxtParser.sniff(file(own))).toBeGreaterThan(0.9);
    for (const format of fs.readdirSync(fixtures).filter((f) => f !== 'qq-txt')) {
      for (const entry of fs.readdirSync(path.join(fixtures, format), { withFileTypes: true })) {
        const source = { path: path.join(fixtures, format, entry.name), isDirectory: entry.isDirectory() };
        expect(await qqTxtParser.sniff(source), `${format}/${entry.name}`).toBeLessThan(0.15);
      }
    }
  });

  it('streams 200k messages in bounded memory and reports bytes read', async () => {
    const big = path.join(tmp, 'big.txt');
    const out = fs.createWriteStream(big);
    out.write('消息记录（此消息记录为文本格式，不支持重新导入）\n\n' + '='.repeat(64) + '\n消息对象:大群\n' + '='.repeat(64) + '\n\n');
    for (let i = 0; i < 200_000; i++) {
      const t = `2021-06-${String(1 + (Math.floor(i / 10_000) % 28)).padStart(2, '0')} ${Math.floor(i / 500) % 24}:${String(Math.floor(i / 10) % 60).padStart(2, '0')}:00`;
      const chunk = `${t} 成员${i % 500}(${100000 + (i % 500)})\n第 ${i} 条消息，内容若干\n${i % 10 === 0 ? '第二行\n' : ''}\n`;
      if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
    }
    await new Promise<void>((r) => out.end(r));
    const size = fs.statSync(big).size;
    let bytes = 0, n = 0, peak = 0;
    const before = heapAfterGc();
    for await (const r of qqTxtParser.parse(file(big), { timeZone: 'Asia/Shanghai', onBytes: (b) => (bytes = b) })) {
      if (r.kind === 'message' && ++n % 25_000 === 0) peak = Math.max(peak, heapAfterGc() - before);
    }
    expect(n).toBe(200_000);
    expect(bytes).toBe(size);
    expect(peak).toBeLessThan(size / 10);
  });
});
