import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { ImportRecord, ImportSource } from '../types.js';
import { wechatCsvParser } from './wechat-csv.js';
import { heapAfterGc } from './parser-test-kit.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures');
const own = path.join(fixtures, 'wechat-csv');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'shequn-wechat-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));


const file = (p: string): ImportSource => ({ path: p, isDirectory: false });
async function collect(source: ImportSource): Promise<any[]> {
  const out: ImportRecord[] = [];
  for await (const r of wechatCsvParser.parse(source, { timeZone: 'Asia/Shanghai' })) out.push(r);
  return JSON.parse(JSON.stringify(out));
}
function write(name: string, text: string): ImportSource {
  const p = path.join(tmp, name);
  fs.writeFileSync(p, text);
  return file(p);
}

describe('wechat-csv parser', () => {
  it('reads a WeChatMsg (留痕) CSV: wxids, media types, links, quotes, system notices, recalls, unknown types', async () => {
    const chat = { id: '20663846712@chatroom', name: '新品体验群' };
    const zhang = { id: 'wxid_zhangsan', name: '张三' }, li = { id: 'wxid_lisi', name: '李四' }, wang = { id: 'wxid_wangwu', name: '王五' };
    const b = (line: number, at: string) => ({ line, chat, at, sourceId: String(line) });
    expect(await collect(file(path.join(own, '新品体验群.csv')))).toEqual([
      { ...b(1, '2023-01-01T04:00:00.000Z'), sourceId: '1#1', kind: 'join', person: { name: '李四' }, by: { name: '张三' }, via: 'added' },
      { ...b(1, '2023-01-01T04:00:00.000Z'), sourceId: '1#2', kind: 'join', person: { name: '王五' }, by: { name: '张三' }, via: 'added' },
      { kind: 'message', ...b(2, '2023-01-01T04:00:05.000Z'), author: zhang, text: '大家好，欢迎新朋友！' },
      { kind: 'message', ...b(3, '2023-01-01T04:01:00.000Z'), author: li, text: '谢谢邀请\n我是做烘焙的，"甜蜜"工作室' },
      { kind: 'message', ...b(4, '2023-01-01T04:02:00.000Z'), author: wang, text: '', mediaType: 'image' },
      { kind: 'message', ...b(5, '2023-01-01T04:03:00.000Z'), author: li, text: '', mediaType: 'voice' },
      { kind: 'message', ...b(6, '2023-01-01T04:03:30.000Z'), author: wang, text: '', mediaType: 'sticker' },
      { kind: 'message', ...b(7, '2023-01-01T04:04:00.000Z'), author: zhang, text: '双十一囤货攻略 & 清单', mediaType: 'link' },
      // A quoted reply without a MsgSvrID column: the quoted svrid cannot be matched to any sourceId here.
      { kind: 'message', ...b(8, '2023-01-01T04:05:00.000Z'), author: wang, text: '同意，周六见' },
      { ...b(9, '2023-01-01T05:00:00.000Z'), kind: 'join', person: { name: '赵六' }, by: { name: '张三' }, via: 'link' },
      { kind: 'message', ...b(10, '2023-01-01T05:10:00.000Z'), author: { id: 'wxid_owner', name: '小店店长' }, text: '@李四\u2005周六的试吃会请帮忙签到', mentions: [{ name: '李四' }] },
      { ...b(11, '2023-01-01T06:00:00.000Z'), kind: 'leave', person: { name: '王五' }, removedBy: { name: '你' } },
      { ...b(12, '2023-01-01T06:05:00.000Z'), kind: 'leave', person: { name: '李四' } },
      { kind: 'message', ...b(14, '2023-01-01T06:07:00.000Z'), author: { name: '张三' }, text: '', mediaType: 'other' },
      { kind: 'unparsed', line: 16, text: '16,20663846712@chatroom,10000,0,0,1672553340,2,"""赵六""成为了群管理员",2023-01-01 14:09:00,,,', reason: 'unrecognised system message (type 10000)' },
      { kind: 'message', ...b(17, '2023-01-01T06:10:00.000Z'), author: { name: '赵六' }, text: '', mediaType: 'other' },
      { kind: 'unparsed', line: 18, text: '18,20663846712@chatroom,9999,0,0,1672553460,2,,2023-01-01 14:11:00,,赵六,wxid_zhaoliu', reason: 'unknown message type 9999' },
    ]);
  });

  it('reads a simple Chinese-header CSV and names the chat from the file name before "--"', async () => {
    const chat = { name: '读书会' };
    expect(await collect(file(path.join(own, '读书会--聊天记录.csv')))).toEqual([
      { kind: 'message', line: 1, chat, at: '2023-03-01T01:00:00.000Z', author: { name: '小王' }, text: '早上好' },
      { kind: 'message', line: 2, chat, at: '2023-03-01T01:01:12.000Z', author: { name: '小李' }, text: '', mediaType: 'image' },
      { kind: 'message', line: 3, chat, at: '2023-03-01T01:02:00.000Z', author: { name: '小王' }, text: '第一行\n第二行' },
      { line: 4, chat, at: '2023-03-01T01:03:00.000Z', kind: 'join', person: { name: '小张' }, by: { name: '小李' }, via: 'added' },
      { kind: 'message', line: 5, chat, at: '2023-03-01T01:04:00.000Z', author: { name: '小张' }, text: '', mediaType: 'other' },
      { kind: 'unparsed', line: 6, text: '2023-03-01 09:05:00,小张,投票：周末去哪儿,投票', reason: 'unknown message type 投票' },
    ]);
  });

  it('reports malformed rows, bad times and missing senders in place, and links quoted replies by MsgSvrID', async () => {
    const simple = write('group.csv', [
      'time,sender,content',
      '2023/05/01 08:00,Amy,hello',
      '2023-05-01 08:01:00,Bob,he said "hi" to me',
      '2023-05-01 08:02:00,Amy,"quoted, with comma"',
      'yesterday,Amy,when?',
      '2023-05-01 08:03:00,,nobody',
      '1682899440,Bob,unix time',
      '2023-05-01 08:09:00,Amy,"never closed',
      'the rest of the file',
    ].join('\n'));
    const chat = { name: 'group' };
    const recs = await collect(simple);
    expect(recs).toEqual([
      { kind: 'message', line: 1, chat, at: '2023-05-01T00:00:00.000Z', author: { name: 'Amy' }, text: 'hello' },
      { kind: 'message', line: 2, chat, at: '2023-05-01T00:01:00.000Z', author: { name: 'Bob' }, text: 'he said "hi" to me' },
      { kind: 'message', line: 3, chat, at: '2023-05-01T00:02:00.000Z', author: { name: 'Amy' }, text: 'quoted, with comma' },
      { kind: 'unparsed', line: 4, text: 'yesterday,Amy,when?', reason: 'missing or unreadable time' },
      { kind: 'unparsed', line: 5, text: '2023-05-01 08:03:00,,nobody', reason: 'no sender' },
      { kind: 'message', line: 6, chat, at: '2023-05-01T00:04:00.000Z', author: { name: 'Bob' }, text: 'unix time' },
      { kind: 'unparsed', line: 7, text: recs[6].text, reason: recs[6].reason },
    ]);
    expect(recs[6].text).toContain('2023-05-01 08:09:00,Amy,"never closed');
    expect(recs[6].reason).toMatch(/^malformed CSV row: Quote Not Closed/);

    const svr = write('svr.csv', [
      'localId,MsgSvrID,TalkerId,Type,SubType,IsSender,CreateTime,StrContent,NickName,Sender',
      '1,7012345678901234567,1@chatroom,1,0,0,1672545600,周六试吃会,张三,wxid_zhangsan',
      '2,7012345678901234999,1@chatroom,49,57,1,1672545660,"<msg><appmsg><title>同意</title><type>57</type><refermsg><svrid>7012345678901234567</svrid></refermsg></appmsg></msg>",,',
      '',
    ].join('\n'));
    const c = { id: '1@chatroom', name: 'svr' };
    expect(await collect(svr)).toEqual([
      { kind: 'message', line: 1, chat: c, at: '2023-01-01T04:00:00.000Z', sourceId: '7012345678901234567', author: { id: 'wxid_zhangsan', name: '张三' }, text: '周六试吃会' },
      { kind: 'message', line: 2, chat: c, at: '2023-01-01T04:01:00.000Z', sourceId: '7012345678901234999', author: { name: '你' }, text: '同意', replyTo: '7012345678901234567' },
    ]);

    await expect(collect(write('other.csv', 'a,b,c\n1,2,3\n'))).rejects.toThrow(/no content column/);
  });

  it('sniffs its own CSVs high and every other fixture near zero', async () => {
    expect(await wechatCsvParser.sniff(file(path.join(own, '新品体验群.csv')))).toBeGreaterThan(0.9);
    expect(await wechatCsvParser.sniff(file(path.join(own, '读书会--聊天记录.csv')))).toBeGreaterThan(0.5);
    for (const format of fs.readdirSync(fixtures).filter((f) => f !== 'wechat-csv')) {
      for (const entry of fs.readdirSync(path.join(fixtures, format), { withFileTypes: true })) {
        const source = { path: path.join(fixtures, format, entry.name), isDirectory: entry.isDirectory() };
        expect(await wechatCsvParser.sniff(source), `${format}/${entry.name}`).toBeLessThan(0.15);
      }
    }
  });

  it('streams 200k rows in bounded memory and reports bytes read', async () => {
    const big = path.join(tmp, 'big.csv');
    const out = fs.createWriteStream(big);
    out.write('\ufefflocalId,TalkerId,Type,SubType,IsSender,CreateTime,Status,StrContent,StrTime,Remark,NickName,Sender\n');
    for (let i = 1; i <= 200_000; i++) {
      const text = i % 10 === 0 ? `"第 ${i} 条，""多行""\n第二行"` : `第 ${i} 条消息`;
      const row = `${i},1@chatroom,1,0,0,${1672545600 + i},2,${text},,,成员${i % 500},wxid_${i % 500}\n`;
      if (!out.write(row)) await new Promise<void>((r) => out.once('drain', () => r()));
    }
    await new Promise<void>((r) => out.end(r));
    const size = fs.statSync(big).size;
    let bytes = 0, n = 0, peak = 0;
    const before = heapAfterGc();
    for await (const r of wechatCsvParser.parse(file(big), { timeZone: 'Asia/Shanghai', onBytes: (b) => (bytes = b) })) {
      if (r.kind === 'message' && ++n % 25_000 === 0) peak = Math.max(peak, heapAfterGc() - before);
    }
    expect(n).toBe(200_000);
    expect(bytes).toBe(size);
    expect(peak).toBeLessThan(size / 10);
  });
});
