import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { DriverKind } from '../src/db/client.js';
import { disposeAll } from './lib/databases.js';
import { runIntakeBench } from './intake.js';
import { runIntakeBreakdown } from './intake-breakdown.js';
import { runImportBench } from './import.js';
import { runAnalyticsBench } from './analytics.js';
import { runAutomationBench } from './automation.js';
import { runPointsBench } from './points.js';
import { runGrowthBench } from './growth.js';
import { runCommerceBench } from './commerce.js';
import { runModerationBench } from './moderation.js';

/**
 * npm run bench [-- [bench...] [options]]   (no bench named: every default one, i.e. intake)
 *
 *   intake                events/s through HTTP, the simulator's path and a plain INSERT baseline
 *   intake-breakdown      where the simulator path's time goes, per SQL statement (diagnostic)
 *   import                messages/s through `shequn import` of a simulated WhatsApp export vs a plain INSERT
 *   analytics             dashboard and `shequn report` reads on --events seeded events vs a naive SQL (not default;
 *                         PostgreSQL unless --driver is given)
 *   automation            one day of SOP steps for --communities sandbox groups: the tick vs a plain INSERT of the same
 *                         actions, delivery through dispatchActions, the idle tick at two sizes (not default)
 *
 *   points                points postings/s through earnPoints/spendPoints vs a plain guarded UPDATE of a balance,
 *                         at the same concurrency (not default)
 *   growth                live-code routing decisions/s with --concurrency scans in flight (default 200) vs a plain
 *                         guarded UPDATE of a seat counter at the same concurrency, then the points bench (8 in
 *                         flight) (not default)
 *
 *   commerce              flash-sale admissions/s for one hot SKU, --buyers buyers at once (default 2000) for --units
 *                         units (default 100), stock in 1 and in --buckets buckets (default 8), vs a plain guarded
 *                         UPDATE of one stock row; zero oversell asserted in every path (not default)
 *
 *   --events N            events per path (default 100000; BENCH_EVENTS)
 *   --driver D            pglite | postgres | both (default both; BENCH_DRIVER)
 *   --pglite S            memory | disk: PGlite storage (default disk, a temp folder; BENCH_PGLITE)
 *   --baseline M          jsonb | values: how the baseline INSERT passes rows (default jsonb, the faster)
 *   --clients N           concurrent HTTP clients for the extra PostgreSQL row (default 2; 1 leaves it out)
 *   --seed N              simulator seed (default 1)
 *   --messages N          messages in the import bench's WhatsApp export (default 1000000; BENCH_MESSAGES)
 *   --pad-bytes N         extra lines of about N bytes on every text message of that export (default none),
 *                         e.g. --messages 1000000 --pad-bytes 1000 for a 1 GB file
 *   --communities N       sandbox communities in the automation bench (default 10000)
 *   --deliver N           actions the automation bench delivers with the sandbox rate limit lifted (default 5000)
 *   --postings N          points postings per path (default 5000), over --members N members (default 200)
 *   --concurrency N       postings in flight at once in the points bench (default 8); scans in the growth bench (200)
 *   --scans N             scans per path in the growth bench (default 2000), over a pool of --pool N groups (default 20)
 *
 * PostgreSQL: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test) names the server; each
 * path runs in its own throwaway database shequn_bench_<random>, dropped afterwards.
 */
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    events: { type: 'string' }, driver: { type: 'string' }, pglite: { type: 'string' },
    baseline: { type: 'string' }, clients: { type: 'string' }, seed: { type: 'string' }, messages: { type: 'string' }, 'pad-bytes': { type: 'string' },
    communities: { type: 'string' }, deliver: { type: 'string' }, postings: { type: 'string' }, members: { type: 'string' }, concurrency: { type: 'string' },
    scans: { type: 'string' }, pool: { type: 'string' }, buyers: { type: 'string' }, units: { type: 'string' }, buckets: { type: 'string' },
    terms: { type: 'string' }, rounds: { type: 'string' },
  },
});

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) throw new Error(`--${name} must be one of ${allowed.join(', ')}, got ${value}`);
  return value as T;
}

function count(name: string, value: string): number {
  const n = Number(value.replace(/_/g, ''));
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer, got ${value}`);
  return n;
}

const driver = oneOf('driver', values.driver ?? process.env.BENCH_DRIVER ?? 'both', ['pglite', 'postgres', 'both']);
const bench = path.dirname(fileURLToPath(import.meta.url));
const intakeOptions = {
  events: count('events', values.events ?? process.env.BENCH_EVENTS ?? '100000'),
  drivers: (driver === 'both' ? ['pglite', 'postgres'] : [driver]) as DriverKind[],
  serverUrl: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
  pglite: oneOf('pglite', values.pglite ?? process.env.BENCH_PGLITE ?? 'disk', ['memory', 'disk']),
  baseline: oneOf('baseline', values.baseline ?? 'jsonb', ['values', 'jsonb']),
  httpClients: count('clients', values.clients ?? '2'),
  seed: count('seed', values.seed ?? '1'),
  resultsDir: path.join(bench, 'results'),
};

/**
 * Each bench prints its own table and writes its own JSON; a new bench is one more entry here. Diagnostics
 * (default: false) run only when named, since they perturb timing and lengthen the run.
 */
const log = (line: string) => console.log(line);
const BENCHES: Record<string, { run: () => Promise<{ ok: boolean }>; default: boolean }> = {
  intake: { run: () => runIntakeBench(intakeOptions, log), default: true },
  'intake-breakdown': { run: () => runIntakeBreakdown(intakeOptions, log), default: false },
  import: {
    run: () => runImportBench({ ...intakeOptions, messages: count('messages', values.messages ?? process.env.BENCH_MESSAGES ?? '1000000'),
      padBytes: values['pad-bytes'] === undefined ? 0 : count('pad-bytes', values['pad-bytes']) }, log),
    default: true,
  },
  analytics: {
    run: () => runAnalyticsBench({ ...intakeOptions, drivers: values.driver || process.env.BENCH_DRIVER ? intakeOptions.drivers : ['postgres'] }, log),
    default: false,
  },
  automation: {
    run: () => runAutomationBench({ ...intakeOptions, communities: count('communities', values.communities ?? '10000'), deliver: count('deliver', values.deliver ?? '5000') }, log),
    default: false,
  },
  points: {
    run: () => runPointsBench({ ...intakeOptions, postings: count('postings', values.postings ?? '5000'), members: count('members', values.members ?? '200'),
      concurrency: count('concurrency', values.concurrency ?? '8') }, log),
    default: false,
  },
  growth: {
    // Issue 5 names both for bench/growth: live-code routing, then the points postings of the points bench.
    run: async () => {
      const routing = await runGrowthBench({ ...intakeOptions, scans: count('scans', values.scans ?? '2000'), pool: count('pool', values.pool ?? '20'),
        concurrency: count('concurrency', values.concurrency ?? '200') }, log);
      const points = await runPointsBench({ ...intakeOptions, postings: count('postings', values.postings ?? '5000'), members: count('members', values.members ?? '200'),
        concurrency: 8 }, log);
      return { ok: routing.ok && points.ok };
    },
    default: false,
  },
  commerce: {
    run: () => runCommerceBench({ ...intakeOptions, buyers: count('buyers', values.buyers ?? '2000'), units: count('units', values.units ?? '100'),
      buckets: count('buckets', values.buckets ?? '8') }, log),
    default: false,
  },
  moderation: {
    // --messages defaults to 100000 here (the import bench's 1000000 is for its export file).
    run: () => runModerationBench({ messages: count('messages', values.messages ?? '100000'), terms: count('terms', values.terms ?? '20000'),
      rounds: count('rounds', values.rounds ?? '3'), resultsDir: intakeOptions.resultsDir }, log),
    default: false,
  },
};

const selected = positionals.length ? positionals : Object.keys(BENCHES).filter((name) => BENCHES[name]!.default);
for (const name of selected) if (!BENCHES[name]) throw new Error(`unknown bench "${name}"; known: ${Object.keys(BENCHES).join(', ')}`);

// Ctrl-C must not leave shequn_bench_* databases or temp folders behind.
process.once('SIGINT', () => {
  console.error('\ninterrupted: dropping throwaway databases...');
  void disposeAll().finally(() => process.exit(130));
});

let ok = true;
try {
  for (const name of selected) ok = (await BENCHES[name]!.run()).ok && ok;
} finally {
  await disposeAll();
}
if (!ok) {
  console.error('\nsome paths did not store every event; their numbers are not valid');
  process.exitCode = 1;
}
