import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/helpers/database.js';
import { makeWorkspace } from '../../../test/helpers/app.js';
import { withTenant } from '../../core/context.js';
import { rows, sql } from '../../db/client.js';
import { runImport } from './run-import.js';
import type { ImportParser, ImportRecord } from './types.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let ws: { id: string; timeZone: string };
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shequn-import-'));
const file = path.join(dir, 'Fans chat.txt');

beforeAll(async () => {
  database = await createTestDatabase();
  ws = await makeWorkspace(database, 'imports', []);
  fs.writeFileSync(file, 'x'.repeat(1000));
});
afterAll(async () => { await database.drop(); fs.rmSync(dir, { recursive: true, force: true }); });

const at = (s: string) => new Date(`2021-01-0${s}Z`);
const alice = { id: 'u1', name: 'Alice' };
const bob = { id: 'u2', name: 'Bob' };
const chat = { id: 'c-1', name: '粉丝群' };
const RECORDS: ImportRecord[] = [
  { kind: 'message', line: 1, chat, sourceId: 'm1', at: at('1T07:00:00'), author: alice, text: '大家好' },
  { kind: 'join', line: 2, chat, at: at('1T08:00:00'), person: { name: 'Alice' }, via: 'link' }, // by name only: the Alice of u1
  { kind: 'message', line: 3, chat, sourceId: 'm2', at: at('1T09:05:00'), author: bob, text: '欢迎', replyTo: 'm1', mentions: [alice] },
  { kind: 'unparsed', line: 4, text: '??? garbage', reason: 'no timestamp' },
  { kind: 'message', line: 5, chat, at: at('1T10:00:00'), author: bob, text: 'ok' },
  { kind: 'message', line: 6, chat, at: at('1T10:00:00'), author: bob, text: 'ok' }, // a second "ok" in the same minute
  { kind: 'message', line: 7, chat, at: at('1T10:00:00'), author: bob, text: '', mediaType: 'image' },
  { kind: 'message', line: 8, chat, at: new Date('nonsense'), author: bob, text: 'broken clock' },
  { kind: 'join', line: 9, chat, at: at('2T08:00:00'), person: { name: 'Carol' }, via: 'added', by: bob },
  { kind: 'leave', line: 10, chat, at: at('3T08:00:00'), person: { name: 'Carol' }, removedBy: bob },
];

const fake = (records: ImportRecord[], sniff = 0.9, format: 'whatsapp' | 'qq-txt' = 'whatsapp'): ImportParser => ({
  format, channel: format === 'whatsapp' ? 'whatsapp' : 'qq',
  sniff: async () => sniff,
  async *parse(_source, ctx) {
    let n = 0;
    for (const r of records) { ctx.onBytes?.(++n * 100); yield r; }
  },
});

const state = () => withTenant(database, ws, { kind: 'system', name: 't' }, async (ctx) => ({
  communities: await rows<{ name: string; external_id: string }>(ctx.db, sql`select name, external_id from communities order by name`),
  members: await rows<{ display_name: string }>(ctx.db, sql`select display_name from members order by display_name`),
  events: await rows<{ type: string; data: Record<string, unknown> }>(ctx.db, sql`select type, data from events order by occurred_at, id`),
  replies: await rows<{ n: number }>(ctx.db, sql`select coalesce(sum(replies_received), 0)::int as n from member_days`),
}));

describe('runImport', () => {
  it('stores every record once, tells what it could not read, and a re-import adds nothing', async () => {
    const progress: number[] = [];
    const s = await runImport(database, ws, { path: file, format: 'auto', timeZone: 'Asia/Shanghai', parsers: [fake(RECORDS, 0.2, 'qq-txt'), fake(RECORDS)], onProgress: (p) => progress.push(p.bytesRead) });
    expect(s).toMatchObject({
      format: 'whatsapp', detection: { auto: true, confidence: 0.9 }, chats: 1, records: 10, messages: 5, joins: 2, leaves: 1,
      stored: 8, duplicates: 0, unparsed: 2, rejected: 0, bytes: 1000,
    });
    expect(s.samples).toEqual([
      { line: 4, text: '??? garbage', reason: 'no timestamp' },
      { line: 8, text: 'broken clock', reason: 'no valid time' },
    ]);
    expect(progress.at(-1)).toBe(1000);
    const after = await state();
    expect(after.communities).toEqual([{ name: '粉丝群', external_id: 'c-1' }]);
    expect(after.members.map((m) => m.display_name)).toEqual(['Alice', 'Bob', 'Carol']); // Alice of the join is Alice of u1
    expect(after.events.map((e) => e.type)).toEqual(['message.sent', 'member.joined', 'message.sent', 'message.sent', 'message.sent', 'message.sent', 'member.joined', 'member.left']);
    expect(after.events[2]!.data).toMatchObject({ text: '欢迎', mentions: ['u1'] });
    expect(after.events[6]!.data).toMatchObject({ scene: 'invite', inviter: 'u2' });
    expect(after.events[7]!.data).toMatchObject({ reason: 'removed' });
    expect(after.replies).toEqual([{ n: 1 }]); // the reply found its message through the stable id
    // Statistics were refreshed after the load (PGlite has no autovacuum; stale ones make analytics crawl).
    const stats = await rows<{ n: number }>(database.db, sql`select reltuples::int as n from pg_class where relname = 'events'`);
    expect(stats[0]!.n).toBe(8);

    const again = await runImport(database, ws, { path: file, format: 'whatsapp', timeZone: 'Asia/Shanghai', parsers: [fake(RECORDS)] });
    expect(again).toMatchObject({ detection: { auto: false, confidence: 1 }, stored: 0, duplicates: 8 });
    // Under another community name the same export is still the same messages.
    const renamed = await runImport(database, ws, { path: file, format: 'whatsapp', community: '别名', timeZone: 'Asia/Shanghai', parsers: [fake(RECORDS)] });
    expect(renamed).toMatchObject({ stored: 0, duplicates: 8 });
  });

  it('puts everything into the --community named, and asks for --format when nothing is sure', async () => {
    const other = RECORDS.map((r) => (r.kind === 'unparsed' ? r : { ...r, chat: { name: 'Another' }, sourceId: r.sourceId ? `x${r.sourceId}` : undefined, replyTo: undefined }));
    const s = await runImport(database, ws, { path: file, format: 'whatsapp', community: '导入群', timeZone: 'Asia/Shanghai', parsers: [fake(other as ImportRecord[])] });
    expect(s).toMatchObject({ chats: 1, stored: 8 });
    expect((await state()).communities.map((c) => c.name)).toContain('导入群');
    await expect(runImport(database, ws, { path: file, format: 'auto', timeZone: 'UTC', parsers: [fake([], 0.3)] })).rejects.toThrow(/format: could not recognise Fans chat\.txt as any of whatsapp; choose the format explicitly/);
    await expect(runImport(database, ws, { path: path.join(dir, 'missing.txt'), format: 'auto', timeZone: 'UTC', parsers: [fake([])] })).rejects.toThrow('path:');
    await expect(runImport(database, ws, { path: file, format: 'qq-txt', timeZone: 'UTC', parsers: [fake([])] })).rejects.toThrow('format: qq-txt is not one of whatsapp');
  });
});
