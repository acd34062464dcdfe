import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DriverKind } from '../src/db/client.js';
import type { EventInput } from '../src/modules/tracking/event-contract.js';
import { whatsappExportLines } from '../src/modules/simulator/whatsapp-export.js';
import { whatsappParser } from '../src/modules/importers/formats/whatsapp.js';
import { EventMapper } from '../src/modules/importers/to-events.js';
import { runImport } from '../src/modules/importers/run-import.js';
import { IMPORT_PARSERS } from '../src/modules/importers/registry.js';
import { createWorkspace } from '../src/modules/workspace/create-workspace.js';
import { freshDatabase, scalar, type DatabaseTarget, type PgliteStorage } from './lib/databases.js';
import { machineInfo, printTable, round, writeJson, type Row } from './lib/report.js';

export interface ImportBenchOptions { messages: number; padBytes: number; drivers: DriverKind[]; serverUrl: string; pglite: PgliteStorage; seed: number; resultsDir: string }

const TIME_ZONE = 'Asia/Shanghai';
const SOURCE = { isDirectory: false };

/**
 * Messages per second through `shequn import` of a WhatsApp export written by the simulator, against the
 * same rows parsed the same way and written with a plain multi-row INSERT in the same run; also the
 * parser alone, and the process's peak memory (the importer streams: it must not grow with the file).
 */
export async function runImportBench(opts: ImportBenchOptions, log: (line: string) => void): Promise<{ ok: boolean }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shequn-bench-import-'));
  const file = path.join(dir, 'WhatsApp Chat with Bench.txt');
  try {
    log(`import: writing a WhatsApp export of ${opts.messages.toLocaleString('en-US')} messages with the simulator...`);
    const written = await writeExport(file, opts);
    log(`  ${(fs.statSync(file).size / 2 ** 20).toFixed(0)} MiB, ${written.records.toLocaleString('en-US')} records in ${written.seconds.toFixed(1)} s`);
    const rows: Row[] = [];
    const parse = await timed(() => parseOnly(file));
    rows.push(row('-', 'parse only (whatsapp parser + event mapping)', parse.value.messages, parse.seconds, null, true));
    // A world too small for the requested size would quietly measure a smaller file: refuse that.
    let ok = parse.value.records === written.records && parse.value.messages === opts.messages;
    if (parse.value.messages !== opts.messages) log(`  the simulation produced ${parse.value.messages} messages, not ${opts.messages}: results invalid`);
    for (const driver of opts.drivers) {
      const target: DatabaseTarget = { driver, serverUrl: opts.serverUrl, pglite: opts.pglite };
      log(`  ${driver}: baseline INSERT of the parsed rows...`);
      const base = await baseline(target, file);
      const baseRate = base.messages / base.seconds;
      rows.push(row(driver, 'baseline: parse + plain multi-row INSERT', base.messages, base.seconds, 1, base.verified));
      log(`  ${driver}: shequn import...`);
      const imp = await importPath(target, file);
      rows.push(row(driver, 'shequn import (intake, rollups, dedupe)', imp.messages, imp.seconds, (imp.messages / imp.seconds) / baseRate, imp.verified, `peak RSS ${imp.peakRssMiB} MiB`));
      ok = ok && base.verified && imp.verified;
    }
    printTable(rows, log);
    const out = writeJson(path.join(opts.resultsDir, opts.padBytes ? 'import-padded.json' : 'import.json'), {
      bench: 'import', machine: machineInfo(), workload: { messages: opts.messages, padBytes: opts.padBytes, records: written.records, bytes: fs.statSync(file).size, seed: opts.seed }, rows,
    });
    log(`wrote ${out}`);
    return { ok };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function row(driver: string, name: string, messages: number, seconds: number, ratio: number | null, verified: boolean, note?: string): Row {
  return { driver, path: name, events: messages, seconds: round(seconds, 2), eventsPerSecond: Math.round(messages / seconds), ratioToBaseline: ratio === null ? null : round(ratio, 3), verified, note };
}

async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const t = performance.now();
  const value = await fn();
  return { value, seconds: (performance.now() - t) / 1000 };
}

async function writeExport(file: string, opts: ImportBenchOptions): Promise<{ records: number; seconds: number }> {
  const t = performance.now();
  const out = fs.createWriteStream(file);
  let records = 0;
  // Big enough a world to reach the message count; the stream stops there.
  // About 6,000 messages a simulated day at this size (measured); a third more days as margin.
  const sim = { communities: 60, members: 15_000, days: Math.max(30, Math.ceil((opts.messages / 6_000) * 1.3)), seed: opts.seed, now: new Date('2026-11-20T10:00:00Z'), timeZone: TIME_ZONE, maxMessages: opts.messages };
  let first = true;
  const pad = padding(opts.padBytes);
  for await (const line of whatsappExportLines(sim)) {
    if (!first) records++;
    first = false;
    const text = pad && MESSAGE_LINE.test(line) && !line.endsWith('<Media omitted>') ? `${line}\n${pad}` : line;
    if (!out.write(`${text}\n`)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise((r) => out.end(r));
  return { records, seconds: (performance.now() - t) / 1000 };
}

/** An Android export's message line (a system line has no "Name: " after the dash). */
const MESSAGE_LINE = /^\d{1,2}\/\d{1,2}\/\d{2}, \d{1,2}:\d{2}\s?[AP]M - [^:]+: /;

/**
 * Continuation lines of about `bytes` bytes appended to every text message (a long multi-line post), so a
 * file of a given size can be reached with fewer messages: the memory bound concerns the file's bytes.
 */
function padding(bytes: number): string {
  if (bytes <= 0) return '';
  const line = 'and another line of a long post, as people paste notes, lists and recipes into the group';
  const lines: string[] = [];
  for (let n = 0, i = 1; n < bytes; i++) { const l = `${i}. ${line}`; lines.push(l); n += l.length + 1; }
  return lines.join('\n');
}

/** Parsed records mapped to intake events, in batches of 1000: the input both database paths share. */
async function* eventBatches(file: string): AsyncGenerator<{ events: EventInput[]; messages: number }> {
  const mapper = new EventMapper('whatsapp');
  let events: EventInput[] = [];
  let messages = 0;
  for await (const rec of whatsappParser.parse({ path: file, ...SOURCE }, { timeZone: TIME_ZONE })) {
    if (rec.kind === 'unparsed') continue;
    if (rec.kind === 'message') messages++;
    events.push(mapper.toEvent(rec, 'Bench'));
    if (events.length === 1000) { yield { events, messages }; events = []; messages = 0; }
  }
  if (events.length) yield { events, messages };
}

async function parseOnly(file: string): Promise<{ messages: number; records: number }> {
  let messages = 0;
  let records = 0;
  for await (const b of eventBatches(file)) { messages += b.messages; records += b.events.length; }
  return { messages, records };
}

async function baseline(target: DatabaseTarget, file: string): Promise<{ messages: number; seconds: number; verified: boolean }> {
  const fresh = await freshDatabase(target);
  try {
    const db = fresh.database;
    await db.withSession((run) => run(`CREATE TABLE bench_import (workspace_id uuid NOT NULL, id text NOT NULL, type text NOT NULL,
      occurred_at timestamptz NOT NULL, community_id uuid, member_id uuid NOT NULL, data jsonb NOT NULL, PRIMARY KEY (workspace_id, id))`));
    const ws = randomUUID();
    const community = randomUUID();
    const members = new Map<string, string>();
    const memberId = (ext: string) => members.get(ext) ?? (members.set(ext, randomUUID()), members.get(ext)!);
    let messages = 0;
    let rows = 0;
    const { seconds } = await timed(() => db.withSession(async (run) => {
      for await (const b of eventBatches(file)) {
        messages += b.messages;
        rows += b.events.length;
        const payload = b.events.map((e) => ({ id: e.id, type: e.type, at: e.occurredAt, community_id: community, member_id: memberId(e.member.externalId), data: e.data }));
        await run(`INSERT INTO bench_import SELECT $1, x.id, x.type, x.at, x.community_id, x.member_id, x.data
          FROM jsonb_to_recordset($2::jsonb) AS x(id text, type text, at timestamptz, community_id uuid, member_id uuid, data jsonb)`, [ws, JSON.stringify(payload)]);
      }
    }));
    const counted = Number(await scalar(db, 'SELECT count(*) FROM bench_import'));
    return { messages, seconds, verified: counted === rows };
  } finally {
    await fresh.dispose();
  }
}

async function importPath(target: DatabaseTarget, file: string): Promise<{ messages: number; seconds: number; verified: boolean; peakRssMiB: number }> {
  const fresh = await freshDatabase(target);
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 100);
  try {
    const ws = await createWorkspace(fresh.database, { slug: 'bench-import', name: 'bench', timeZone: TIME_ZONE });
    const t = performance.now();
    const s = await runImport(fresh.database, ws, { path: file, format: 'whatsapp', timeZone: TIME_ZONE, parsers: IMPORT_PARSERS });
    const seconds = (performance.now() - t) / 1000;
    const counted = Number(await scalar(fresh.database, 'SELECT count(*) FROM events'));
    return { messages: s.messages, seconds, verified: counted === s.stored && s.unparsed === 0 && s.rejected === 0, peakRssMiB: Math.round(peak / 2 ** 20) };
  } finally {
    clearInterval(sampler);
    await fresh.dispose();
  }
}
