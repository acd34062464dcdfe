import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { whatsappExportLines } from './whatsapp-export.js';
import { generateEvents } from './generate-events.js';
import { whatsappParser } from '../importers/formats/whatsapp.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shequn-wa-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('whatsappExportLines', () => {
  it('writes an export the WhatsApp importer reads back completely: every message, join and leave, at the minute', async () => {
    const opts = { communities: 2, members: 80, days: 5, seed: 4, now: new Date('2026-11-20T10:00:00Z'), timeZone: 'Asia/Shanghai' };
    const file = path.join(dir, 'WhatsApp Chat with 模拟群.txt');
    const out = fs.createWriteStream(file);
    for await (const line of whatsappExportLines(opts)) out.write(`${line}\n`);
    await new Promise((r) => out.end(r));

    const expected = { message: 0, join: 0, leave: 0 };
    const minutes: string[] = [];
    for (const batch of generateEvents(opts)) {
      for (const e of batch) {
        const kind = e.type === 'message.sent' ? 'message' : e.type === 'member.joined' ? 'join' : e.type === 'member.left' ? 'leave' : null;
        if (!kind) continue;
        expected[kind]++;
        if (kind === 'message') minutes.push(e.occurredAt.slice(0, 16));
      }
    }
    const got = { message: 0, join: 0, leave: 0, unparsed: 0 };
    const gotMinutes: string[] = [];
    for await (const r of whatsappParser.parse({ path: file, isDirectory: false }, { timeZone: 'Asia/Shanghai' })) {
      got[r.kind]++;
      if (r.kind === 'message') gotMinutes.push(r.at.toISOString().slice(0, 16));
    }
    expect(got).toEqual({ ...expected, unparsed: 0 });
    expect(gotMinutes).toEqual(minutes);
    expect(await whatsappParser.sniff({ path: file, isDirectory: false })).toBeGreaterThan(0.8);
  });
});
