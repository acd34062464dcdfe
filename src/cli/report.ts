import fs from 'node:fs';
import { openDatabase } from '../db/client.js';
import { migrate } from '../db/migrate.js';
import { withTenant } from '../core/context.js';
import { createWorkspace } from '../modules/workspace/create-workspace.js';
import { runImport, type ImportSummary } from '../modules/importers/run-import.js';
import { IMPORT_PARSERS } from '../modules/importers/registry.js';
import { checkTimeZone } from '../modules/importers/local-time.js';
import type { ImportFormat } from '../modules/importers/types.js';
import { communityHealth } from '../modules/analytics/health-metrics.js';
import type { HealthReport } from '../modules/analytics/contracts.js';
import { reportHtml } from './report-html.js';
import { segmentCounts } from '../modules/analytics/segments.js';

export interface ReportOptions { format: ImportFormat | 'auto'; timezone?: string; json?: boolean; html?: string }

export interface ChatReport {
  source: string;
  import: Pick<ImportSummary, 'format' | 'detection' | 'records' | 'unparsed' | 'samples' | 'chats'>;
  metrics: HealthReport;
  /** Members per lifecycle stage, role and level as of the export's last moment (docs/metrics.md). */
  segments: { as_of: string; counts: Record<string, number> };
}

/**
 * Checks a group from its export in one command: imports into a throwaway in-memory database (nothing is
 * written anywhere) and prints the health metrics of docs/metrics.md under their exact names.
 */
export async function reportCommand(file: string, opts: ReportOptions): Promise<void> {
  // Exports write the phone's local time; the person running this usually sits in the same zone.
  const timeZone = checkTimeZone(opts.timezone ?? Intl.DateTimeFormat().resolvedOptions().timeZone);
  const report = await buildReport(file, opts.format, timeZone, (msg) => process.stderr.write(`${msg}\n`));
  if (opts.html) {
    fs.writeFileSync(opts.html, reportHtml(report));
    process.stderr.write(`wrote ${opts.html}\n`);
  }
  if (opts.json) console.log(JSON.stringify(report, null, 2));
  else printReport(report);
}

export async function buildReport(file: string, format: ImportFormat | 'auto', timeZone: string, log: (msg: string) => void): Promise<ChatReport> {
  const database = await openDatabase({});
  try {
    await migrate(database);
    const ws = await createWorkspace(database, { slug: 'report', name: 'report', timeZone });
    let shown = -10;
    const summary = await runImport(database, ws, {
      path: file, format, timeZone, parsers: IMPORT_PARSERS,
      onProgress: (p) => {
        const pct = p.bytesTotal ? Math.floor((p.bytesRead / p.bytesTotal) * 100) : 100;
        if (pct >= shown + 10) { shown = pct; log(`  reading ${pct}%  ${p.records.toLocaleString('en-US')} records`); }
      },
    });
    const { metrics, segments } = await withTenant(database, ws, { kind: 'system', name: 'report' }, async (ctx) => {
      const health = await communityHealth(ctx, {});
      // As of the export's end, not today: an old export would otherwise show everyone as dormant.
      const seg = await segmentCounts(ctx, { asOf: new Date(health.window.to) });
      return { metrics: health, segments: { as_of: seg.as_of.toISOString(), counts: Object.fromEntries(seg.segments.map((s) => [s.segment, s.members])) } };
    });
    const { format: f, detection, records, unparsed, samples, chats } = summary;
    return { source: file, import: { format: f, detection, records, unparsed, samples, chats }, metrics, segments };
  } finally {
    await database.close();
  }
}

const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
const num = (x: number | null, digits = 0) => (x === null ? '—' : x.toLocaleString('en-US', { maximumFractionDigits: digits }));

/** The rows of the human-readable report: metric key (as in JSON and docs/metrics.md) and its value. */
export function reportRows(m: HealthReport): [string, string][] {
  return [
    ['messages', num(m.messages)], ['speakers', num(m.speakers)], ['members_known', num(m.members_known)],
    ['joins', num(m.joins)], ['leaves', num(m.leaves)],
    ['top20_share', pct(m.top20_share)], ['gini', num(m.gini, 3)], ['absence_factor', num(m.absence_factor)],
    ['reply_share', pct(m.reply_share)], ['median_first_reply_minutes', num(m.median_first_reply_minutes, 1)],
    ['value_contributors', num(m.value_contributors)], ['value_output_per_week', num(m.value_output_per_week, 1)],
    ['lurker_share', pct(m.lurker_share)], ['activation_48h', pct(m.activation_48h)],
    ['dau', num(m.dau)], ['wau', num(m.wau)], ['mau', num(m.mau)], ['avg_dau', num(m.avg_dau, 1)], ['stickiness', pct(m.stickiness)],
    ['leave_spikes', m.leave_spikes.length ? m.leave_spikes.map((s) => `${s.week} (${s.leaves})`).join(', ') : 'none'],
  ];
}

function printReport(r: ChatReport): void {
  const how = r.import.detection.auto ? `detected as ${r.import.format}` : `read as ${r.import.format}`;
  console.log(`${r.source}: ${how}, ${r.import.records.toLocaleString('en-US')} records, ${r.import.chats} chat(s), window ${r.metrics.window.from} – ${r.metrics.window.to}`);
  if (r.import.unparsed) console.log(`  ${r.import.unparsed} line(s) could not be read, e.g. line ${r.import.samples[0]?.line}: ${r.import.samples[0]?.reason}`);
  const rows = reportRows(r.metrics);
  const width = Math.max(...rows.map(([k]) => k.length));
  for (const [k, v] of rows) console.log(`  ${k.padEnd(width)}  ${v}`);
  console.log(`  segments as of ${r.segments.as_of}:`);
  console.log(`    ${Object.entries(r.segments.counts).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  console.log('  top speakers:');
  for (const s of r.metrics.top_speakers) console.log(`    ${s.name}  ${s.messages.toLocaleString('en-US')}  (${pct(s.share)})`);
}
