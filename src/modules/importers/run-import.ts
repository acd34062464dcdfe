import fs from 'node:fs';
import path from 'node:path';
import type { Database } from '../../db/client.js';
import { refreshStatistics } from '../../db/refresh-statistics.js';
import { withTenantRetrying, type WorkspaceRef } from '../../core/context.js';
import { ingestEvents, MAX_BATCH } from '../tracking/ingest-events.js';
import type { EventInput } from '../tracking/event-contract.js';
import { EventMapper } from './to-events.js';
import type { ImportFormat, ImportParser, ImportSource } from './types.js';
import { detectFormat } from './detect.js';

export interface ImportOptions {
  path: string;
  format: ImportFormat | 'auto';
  /** Puts everything into one community of this name instead of the chats the export names. */
  community?: string;
  /** Zone of exports that write local times without an offset. */
  timeZone: string;
  parsers: ImportParser[];
  onProgress?: (p: ImportProgress) => void;
}

export interface ImportProgress { bytesRead: number; bytesTotal: number; records: number; stored: number }

export interface Problem { line: number; file?: string; text: string; reason: string }

export interface ImportSummary {
  format: ImportFormat;
  /** How the format was chosen: named by the caller, or detected with this confidence. */
  detection: { auto: boolean; confidence: number };
  chats: number;
  records: number;
  messages: number;
  joins: number;
  leaves: number;
  stored: number;
  duplicates: number;
  /** Lines the parser could not read, and records the intake refused: counted, first ones shown. */
  unparsed: number;
  rejected: number;
  samples: Problem[];
  bytes: number;
  seconds: number;
}

const SAMPLES = 10;

/** Streams an export through its parser into the intake, batch by batch, in bounded memory. */
export async function runImport(database: Database, ws: WorkspaceRef, opts: ImportOptions): Promise<ImportSummary> {
  const started = Date.now();
  const source = await describeSource(opts.path);
  const picked = opts.format === 'auto'
    ? await detectFormat(source, opts.parsers)
    : { parser: parserFor(opts.parsers, opts.format), confidence: 1 };
  const { parser } = picked;
  const bytesTotal = totalBytes(source.path);
  const mapper = new EventMapper(parser.channel, opts.community);
  const fallbackName = path.basename(source.path).replace(/\.[^.]+$/, '');
  const s: ImportSummary = {
    format: parser.format, detection: { auto: opts.format === 'auto', confidence: picked.confidence },
    chats: 0, records: 0, messages: 0, joins: 0, leaves: 0, stored: 0, duplicates: 0, unparsed: 0, rejected: 0, samples: [], bytes: bytesTotal, seconds: 0,
  };
  const chats = new Set<string>();
  const problem = (p: Problem) => { if (s.samples.length < SAMPLES) s.samples.push(p); };
  let bytesRead = 0;
  let batch: EventInput[] = [];
  let where: Problem[] = [];
  const actor = { kind: 'system' as const, name: 'import' };

  const flush = async () => {
    if (!batch.length) return;
    const results = await withTenantRetrying(database, ws, actor, (ctx) => ingestEvents(ctx, batch));
    results.forEach((r, i) => {
      if (r.status === 'stored') s.stored++;
      else if (r.status === 'duplicate') s.duplicates++;
      else { s.rejected++; problem({ ...where[i]!, reason: `refused by the intake: ${r.error}` }); }
    });
    batch = [];
    where = [];
    opts.onProgress?.({ bytesRead, bytesTotal, records: s.records, stored: s.stored });
  };

  for await (const rec of parser.parse(source, { timeZone: opts.timeZone, onBytes: (b) => { bytesRead = b; } })) {
    s.records++;
    if (rec.kind === 'unparsed') {
      s.unparsed++;
      problem({ line: rec.line, file: rec.file, text: rec.text, reason: rec.reason });
      continue;
    }
    if (Number.isNaN(rec.at.getTime())) {
      s.unparsed++;
      problem({ line: rec.line, file: rec.file, text: rec.kind === 'message' ? rec.text.slice(0, 200) : rec.person.name, reason: 'no valid time' });
      continue;
    }
    if (rec.kind === 'message') s.messages++;
    else if (rec.kind === 'join') s.joins++;
    else s.leaves++;
    const event = mapper.toEvent(rec, fallbackName);
    chats.add(event.community!.externalId);
    batch.push(event);
    const text = rec.kind === 'message' ? rec.text : rec.person.name;
    where.push({ line: rec.line, file: rec.file, text: text.slice(0, 200), reason: '' });
    if (batch.length === MAX_BATCH) await flush();
  }
  bytesRead = bytesTotal;
  await flush();
  if (s.stored) await refreshStatistics(database);
  s.chats = chats.size;
  s.seconds = (Date.now() - started) / 1000;
  return s;
}

function parserFor(parsers: ImportParser[], format: ImportFormat): ImportParser {
  const p = parsers.find((x) => x.format === format);
  if (!p) throw new RangeError(`format: ${format} is not one of ${parsers.map((x) => x.format).join(', ')}`);
  return p;
}

async function describeSource(p: string): Promise<ImportSource> {
  const stat = await fs.promises.stat(p).catch(() => null);
  if (!stat) throw new RangeError(`path: ${p} does not exist`);
  return { path: p, isDirectory: stat.isDirectory() };
}

/** Everything under the source, for the progress bar. */
function totalBytes(p: string): number {
  const stat = fs.statSync(p);
  if (!stat.isDirectory()) return stat.size;
  let total = 0;
  for (const e of fs.readdirSync(p, { withFileTypes: true })) total += totalBytes(path.join(p, e.name));
  return total;
}
