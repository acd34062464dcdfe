import { openDatabase } from '../db/client.js';
import { migrate } from '../db/migrate.js';
import { runtimeConfig } from './config.js';
import { createWorkspace, findWorkspaceBySlug } from '../modules/workspace/create-workspace.js';
import { runImport, type ImportSummary } from '../modules/importers/run-import.js';
import { IMPORT_PARSERS } from '../modules/importers/registry.js';
import { checkTimeZone } from '../modules/importers/local-time.js';
import type { ImportFormat } from '../modules/importers/types.js';

export interface ImportCommandOptions {
  format: ImportFormat | 'auto'; workspace: string; community?: string; timezone?: string; json?: boolean; dataDir: string;
}

const n = (x: number) => x.toLocaleString('en-US');

export async function importCommand(file: string, opts: ImportCommandOptions): Promise<void> {
  if (opts.timezone) checkTimeZone(opts.timezone);
  const cfg = runtimeConfig(opts);
  const database = await openDatabase({ databaseUrl: cfg.databaseUrl, dataDir: cfg.dataDir });
  // Progress goes to stderr, so `--json` output stays one clean document on stdout.
  const say = (msg: string) => process.stderr.write(`${msg}\n`);
  try {
    await migrate(database);
    const ws = (await findWorkspaceBySlug(database, opts.workspace)) ?? (await createWorkspace(database, { slug: opts.workspace, name: opts.workspace }));
    let shown = -1;
    const summary = await runImport(database, ws, {
      path: file, format: opts.format, community: opts.community, timeZone: opts.timezone ?? ws.timeZone, parsers: IMPORT_PARSERS,
      onProgress: (p) => {
        const pct = p.bytesTotal ? Math.floor((p.bytesRead / p.bytesTotal) * 100) : 100;
        if (pct >= shown + 10 || pct === 100) {
          if (shown < 0) say(`Importing ${file} into workspace ${opts.workspace}...`);
          shown = pct;
          say(`  ${pct}%  ${n(p.records)} records, ${n(p.stored)} stored`);
        }
      },
    });
    if (opts.json) console.log(JSON.stringify(summary, null, 2));
    else printSummary(file, summary);
  } finally {
    await database.close();
  }
}

export function printSummary(file: string, s: ImportSummary): void {
  const how = s.detection.auto ? `detected as ${s.format} (confidence ${s.detection.confidence.toFixed(2)})` : `read as ${s.format}`;
  console.log(`${file}: ${how}`);
  console.log(`  ${n(s.records)} records in ${s.seconds.toFixed(1)} s: ${n(s.messages)} messages, ${n(s.joins)} joins, ${n(s.leaves)} leaves in ${n(s.chats)} chat(s)`);
  console.log(`  ${n(s.stored)} stored, ${n(s.duplicates)} already there`);
  if (s.unparsed || s.rejected) {
    console.log(`  ${n(s.unparsed)} line(s) could not be read${s.rejected ? `, ${n(s.rejected)} refused by the intake` : ''}; the first ones:`);
    for (const p of s.samples) console.log(`    ${p.file ? `${p.file}:` : 'line '}${p.line}: ${JSON.stringify(p.text)} (${p.reason})`);
  }
}
