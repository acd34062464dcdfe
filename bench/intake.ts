import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Database, DriverKind } from '../src/db/client.js';
import type { EventInput } from '../src/modules/tracking/event-contract.js';
import { freshDatabase, scalar, type DatabaseTarget, type PgliteStorage } from './lib/databases.js';
import { startCpuMeter } from './lib/cpu.js';
import { cpuTotal, machineInfo, percentiles, printTable, round, writeJson, type Row } from './lib/report.js';
import { assertDistinctIds, buildWorkload, type Workload } from './intake-workload.js';
import { BASELINE_TABLE, baselinePath, benchWorkspace, httpPath, simulatorPath, type BaselineMode, type PassResult } from './intake-paths.js';

export interface IntakeOptions {
  events: number;
  drivers: DriverKind[];
  serverUrl: string;
  pglite: PgliteStorage;
  baseline: BaselineMode;
  /** Concurrent HTTP clients for the extra PostgreSQL row; 1 leaves the row out. */
  httpClients: number;
  seed: number;
  resultsDir: string;
}

type PathName = 'baseline' | 'simulator' | 'http' | 'http-concurrent' | 'baseline-again';

/**
 * Which paths a driver runs, in order. The baseline runs first and last: this box is shared, and if its
 * load changes during the run the two baselines disagree, which the table then shows. PGlite is one
 * connection, so concurrent clients would only queue there.
 */
function pathsFor(driver: DriverKind, opts: IntakeOptions): PathName[] {
  const paths: PathName[] = ['baseline', 'simulator', 'http'];
  if (driver === 'postgres' && opts.httpClients > 1) paths.push('http-concurrent');
  return [...paths, 'baseline-again'];
}

/** Runs one path and counts what it stored, so a path that silently stored nothing cannot pass. */
async function measure(database: Database, name: PathName, batches: EventInput[][], opts: IntakeOptions): Promise<{ pass: PassResult; counted: number }> {
  const meter = () => startCpuMeter(database, isLocal(opts.serverUrl));
  if (name === 'baseline' || name === 'baseline-again') {
    const pass = await baselinePath(database, randomUUID(), batches, opts.baseline, meter);
    return { pass, counted: Number(await scalar(database, `SELECT count(*) FROM ${BASELINE_TABLE}`)) };
  }
  const ws = await benchWorkspace(database, `bench-${name}`);
  const pass = name === 'simulator'
    ? await simulatorPath(database, ws, batches, meter)
    : await httpPath(database, ws, batches, name === 'http' ? 1 : opts.httpClients, meter);
  return { pass, counted: Number(await scalar(database, 'SELECT count(*) FROM events WHERE workspace_id = $1', [ws.id])) };
}

function isLocal(url: string): boolean {
  try {
    return ['127.0.0.1', 'localhost', '[::1]', ''].includes(new URL(url).hostname);
  } catch {
    return false;
  }
}

const LABELS: Record<PathName, (opts: IntakeOptions) => string> = {
  baseline: (o) => `baseline INSERT (${o.baseline === 'values' ? 'multi-row VALUES' : 'jsonb_to_recordset'})`,
  'baseline-again': (o) => `${LABELS.baseline(o)}, again`,
  simulator: () => 'simulator path (withTenant+ingestEvents)',
  http: () => 'HTTP POST /api/v1/events, 1 client',
  'http-concurrent': (o) => `HTTP POST /api/v1/events, ${o.httpClients} clients`,
};

/**
 * Runs the JavaScript of every path once on a throwaway in-memory PGlite, so the first measured path does
 * not pay for JIT compilation and lazy module set-up that the later ones would get for free.
 */
async function warmUp(workload: Workload, opts: IntakeOptions): Promise<void> {
  const fresh = await freshDatabase({ driver: 'pglite', serverUrl: '', pglite: 'memory' });
  try {
    for (const name of ['baseline', 'simulator', 'http'] as const) await measure(fresh.database, name, workload.batches.slice(0, 2), { ...opts, httpClients: 1 });
  } finally {
    await fresh.dispose();
  }
}

/** Server version and the settings that move write throughput most, for the JSON record. */
async function driverDetails(database: Database, target: DatabaseTarget): Promise<Record<string, unknown>> {
  const version = await scalar(database, 'SELECT version()');
  if (target.driver === 'pglite') return { version, storage: target.pglite };
  const settings = await database.withSession((run) => run(`SELECT name, setting FROM pg_settings
    WHERE name IN ('shared_buffers', 'synchronous_commit', 'fsync', 'max_wal_size', 'work_mem')`, []));
  return { version, server: new URL(target.serverUrl).host, settings: Object.fromEntries(settings.map((s) => [s.name, s.setting])) };
}

export async function runIntakeBench(opts: IntakeOptions, log: (line: string) => void): Promise<{ ok: boolean }> {
  log(`intake: generating ${opts.events.toLocaleString('en-US')} events with the simulator (seed ${opts.seed})...`);
  const workload = buildWorkload(opts.events, opts.seed);
  assertDistinctIds(workload);
  const { communities, members, days } = workload.shape;
  log(`  ${workload.batches.length} batches from ${communities} communities, ${members} members, up to ${days} days, in ${workload.generateSeconds.toFixed(1)} s`);
  log('  warming up on a throwaway in-memory PGlite...');
  await warmUp(workload, opts);

  const generator: Row = {
    driver: '-', path: 'simulator generateEvents only (no database)', events: workload.events, seconds: round(workload.generateSeconds, 3),
    eventsPerSecond: round(workload.events / workload.generateSeconds), ratioToBaseline: null, verified: true,
  };
  const all: Row[] = [generator];
  let ok = true;
  for (const driver of opts.drivers) {
    const target: DatabaseTarget = { driver, serverUrl: opts.serverUrl, pglite: opts.pglite };
    let details: Record<string, unknown> = {};
    const rows: Row[] = [];
    for (const name of pathsFor(driver, opts)) {
      log(`  ${driver}: ${LABELS[name](opts)}...`);
      // Each path on its own fresh database, so dedupe never turns a later path into a no-op and no path
      // inherits another's table bloat or warm caches.
      const fresh = await freshDatabase(target);
      let measured: Awaited<ReturnType<typeof measure>>;
      try {
        measured = await measure(fresh.database, name, workload.batches, opts);
        if (name === 'baseline') details = await driverDetails(fresh.database, target);
      } finally {
        await fresh.dispose();
      }
      const { pass, counted } = measured;
      const problems = [
        counted !== workload.events ? `stored ${counted} of ${workload.events}` : '',
        pass.stored !== counted ? `answers said ${pass.stored} stored, the table holds ${counted}` : '',
        pass.failures ? `${pass.failures} failed batches, first: ${pass.firstFailure}` : '',
      ].filter(Boolean);
      const retried = pass.retries ? `${pass.retries} batch(es) retried, first: ${pass.firstRetry}` : '';
      const row: Row = {
        driver, path: LABELS[name](opts), events: workload.events, seconds: round(pass.seconds, 3), eventsPerSecond: round(workload.events / pass.seconds),
        ratioToBaseline: null, batchMs: percentiles(pass.batchMs),
        cpuSeconds: { process: round(pass.cpu.process, 2), server: pass.cpu.server === null ? null : round(pass.cpu.server, 2) }, cpuRatioToBaseline: null,
        verified: problems.length === 0, note: [...problems, retried].filter(Boolean).join('; ') || undefined,
      };
      if (!row.verified) ok = false;
      log(`    ${Math.round(row.eventsPerSecond).toLocaleString('en-US')} events/s in ${pass.seconds.toFixed(1)} s${row.note ? `  ${row.verified ? 'note' : 'FAILED'}: ${row.note}` : ''}`);
      rows.push(row);
    }
    // The reference is both baseline passes together (all their events over all their seconds).
    const baselines = rows.filter((_, i) => pathsFor(driver, opts)[i]!.startsWith('baseline'));
    const baselineRate = baselines.reduce((n, r) => n + r.events, 0) / baselines.reduce((t, r) => t + r.seconds, 0);
    const baselineCpu = baselines.reduce((t, r) => t + cpuTotal(r), 0) / baselines.reduce((n, r) => n + r.events, 0);
    for (const row of rows) {
      row.ratioToBaseline = round(row.eventsPerSecond / baselineRate, 4);
      row.cpuRatioToBaseline = round(baselineCpu / (cpuTotal(row) / row.events), 4);
    }
    const file = writeJson(path.join(opts.resultsDir, `intake-${driver}.json`), {
      bench: 'intake', machine: machineInfo(), driver: { kind: driver, ...details },
      workload: { events: workload.events, batchSize: workload.batches[0]?.length ?? 0, batches: workload.batches.length, shape: workload.shape, seed: opts.seed },
      options: { baseline: opts.baseline, httpClients: opts.httpClients, pglite: opts.pglite },
      baselineEventsPerSecond: round(baselineRate),
      generator, rows,
    });
    log(`  wrote ${path.relative(process.cwd(), file)}`);
    all.push(...rows);
  }
  log('');
  printTable(all, log);
  return { ok };
}
