import path from 'node:path';
import type { Database, DriverKind } from '../src/db/client.js';
import { rows, sql } from '../src/db/client.js';
import { withTenant, type TenantCtx, type WorkspaceRef } from '../src/core/context.js';
import { simulateInto } from '../src/cli/seed-demo.js';
import { estimateEvents, type SimulationOptions } from '../src/modules/simulator/generate-events.js';
import { createWorkspace } from '../src/modules/workspace/create-workspace.js';
import { communityHealth } from '../src/modules/analytics/health-metrics.js';
import { activityHeatmap } from '../src/modules/analytics/activity-heatmap.js';
import { speakerDistribution } from '../src/modules/analytics/speaker-distribution.js';
import { segmentCounts } from '../src/modules/analytics/segments.js';
import type { HealthInput, HealthReport } from '../src/modules/analytics/contracts.js';
import { freshDatabase, scalar, type DatabaseTarget, type PgliteStorage } from './lib/databases.js';
import { logTable, machineInfo, round, writeJson } from './lib/report.js';

export interface AnalyticsBenchOptions { events: number; drivers: DriverKind[]; serverUrl: string; pglite: PgliteStorage; seed: number; resultsDir: string }

const TIME_ZONE = 'Asia/Shanghai';
const COMMUNITIES = 20;
const DAYS = 60;
const RUNS = 3;
/** A path whose warm-up takes longer than this is reported from that one run, so a 1M-event run ends today. */
const SLOW_SECONDS = 45;
const ACTOR = { kind: 'system' as const, name: 'bench' };

/** The keys the naive baseline recomputes; the bench fails when any of them differs from communityHealth's. */
const CHECKED = ['messages', 'speakers', 'joins', 'leaves', 'top20_share', 'gini', 'absence_factor', 'reply_share',
  'median_first_reply_minutes', 'dau', 'wau', 'mau'] as const;
type Checked = Pick<HealthReport, (typeof CHECKED)[number]>;

interface PathRow { driver: string; path: string; seconds: number; runs: number[]; ratioNaiveToOurs: number | null; note?: string }

/**
 * How long the analytics reads take on a large workspace: the dashboard's requests and `shequn report`'s
 * computation, against a naive single SQL over the raw events (no rollups) in the same run, whose answers
 * must equal the health report's for the keys it recomputes.
 */
export async function runAnalyticsBench(opts: AnalyticsBenchOptions, log: (line: string) => void): Promise<{ ok: boolean }> {
  let ok = true;
  for (const driver of opts.drivers) ok = (await runOne(driver, opts, log)) && ok;
  return { ok };
}

/** Members for 20 communities over DAYS days so the simulator's estimate is about `events`. */
export function simulationFor(events: number, seed: number): SimulationOptions {
  const base = { communities: COMMUNITIES, days: DAYS, seed, now: new Date('2026-11-20T10:00:00Z') };
  let lo = 1;
  let hi = 1;
  while (estimateEvents({ ...base, members: hi }) < events) hi *= 2;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (estimateEvents({ ...base, members: mid }) < events) lo = mid + 1;
    else hi = mid;
  }
  return { ...base, members: lo };
}

async function runOne(driver: DriverKind, opts: AnalyticsBenchOptions, log: (line: string) => void): Promise<boolean> {
  const target: DatabaseTarget = { driver, serverUrl: opts.serverUrl, pglite: opts.pglite };
  const fresh = await freshDatabase(target);
  try {
    const database = fresh.database;
    const ws = await createWorkspace(database, { slug: 'bench-analytics', name: 'bench', timeZone: TIME_ZONE });
    const sim = simulationFor(opts.events, opts.seed);
    log(`analytics (${driver}): seeding about ${opts.events.toLocaleString('en-US')} events (${sim.communities} communities, ${sim.members.toLocaleString('en-US')} members, ${sim.days} days)...`);
    const seeded = await simulateInto(database, ws, sim, (m) => log(m));
    await database.withSession((run) => run('ANALYZE'));
    const stored = Number(await scalar(database, 'SELECT count(*) FROM events'));
    const busiest = String(await scalar(database,
      `SELECT community_id FROM events WHERE type = 'message.sent' GROUP BY community_id ORDER BY count(*) DESC, community_id LIMIT 1`));

    const tenant = <T>(fn: (ctx: TenantCtx) => Promise<T>) => withTenant(database, ws, ACTOR, fn);
    const health = await tenant((ctx) => communityHealth(ctx, {}));
    const asOf = new Date(health.window.to);
    const dashboardFor = async (input: HealthInput) => {
      await tenant((ctx) => communityHealth(ctx, input));
      await tenant((ctx) => activityHeatmap(ctx, input));
      await tenant((ctx) => speakerDistribution(ctx, input));
    };
    const one = { communityIds: [busiest] };
    const paths: [string, () => Promise<unknown>][] = [
      ['dashboard: workspace + busiest community (6 requests)', async () => { await dashboardFor({}); await dashboardFor(one); }],
      ['  health report, workspace', () => tenant((ctx) => communityHealth(ctx, {}))],
      ['  heatmap, workspace', () => tenant((ctx) => activityHeatmap(ctx, {}))],
      ['  speakers, workspace', () => tenant((ctx) => speakerDistribution(ctx, {}))],
      ['  health report, busiest community', () => tenant((ctx) => communityHealth(ctx, one))],
      ['  heatmap, busiest community', () => tenant((ctx) => activityHeatmap(ctx, one))],
      ['  speakers, busiest community', () => tenant((ctx) => speakerDistribution(ctx, one))],
      ['report: communityHealth + segmentCounts', () => tenant(async (ctx) => {
        const health = await communityHealth(ctx, {});
        return segmentCounts(ctx, { asOf: new Date(health.window.to) });
      })],
      ['  segmentCounts', () => tenant((ctx) => segmentCounts(ctx, { asOf }))],
    ];

    // The naive baseline first: its answers must match before any number is worth printing.
    const naiveAnswer = await naive(database, ws);
    const mismatches = CHECKED.filter((k) => naiveAnswer[k] !== health[k]);
    for (const k of mismatches) log(`  MISMATCH ${k}: naive ${naiveAnswer[k]} vs communityHealth ${health[k]}`);
    log(`  naive baseline vs communityHealth on ${CHECKED.length} keys: ${mismatches.length ? 'DIFFERENT' : 'equal'}`);

    // JIT matters here: several planned-expensive but tiny queries (segments' per-community networks) pay its compile time.
    const server = database.kind === 'postgres'
      ? { version: String(await scalar(database, 'SHOW server_version')), jit: String(await scalar(database, 'SHOW jit')) }
      : { version: 'PGlite', jit: 'n/a' };
    const results: PathRow[] = [];
    const naiveTimes = await measure(() => naive(database, ws));
    const naiveMedian = median(naiveTimes);
    log(`  naive: ${naiveMedian.toFixed(3)} s (runs ${naiveTimes.map((x) => x.toFixed(3)).join(', ')})`);
    for (const [name, fn] of paths) {
      log(`  timing ${name.trim()}...`);
      const t = await measure(fn);
      const r: PathRow = { driver, path: name, seconds: round(median(t), 3), runs: t.map((x) => round(x, 3)), ratioNaiveToOurs: round(naiveMedian / median(t), 2) };
      if (t.length === 1) r.note = `one run: the warm-up took over ${SLOW_SECONDS} s`;
      results.push(r);
      log(`    ${r.seconds.toFixed(3)} s (runs ${r.runs.join(', ')})`);
    }
    results.push({ driver, path: 'naive: one SQL over raw events (no rollups)', seconds: round(naiveMedian, 3), runs: naiveTimes.map((x) => round(x, 3)), ratioNaiveToOurs: 1,
      note: mismatches.length ? `answers differ: ${mismatches.join(', ')}` : `equal on ${CHECKED.length} keys` });

    printRows(results, log);
    const out = writeJson(path.join(opts.resultsDir, `analytics-${driver}.json`), {
      bench: 'analytics', driver, machine: machineInfo(), server,
      workload: { requestedEvents: opts.events, events: stored, simulation: { ...sim, now: sim.now!.toISOString() }, seedSeconds: round(seeded.seconds, 1), busiestCommunity: busiest, runs: RUNS, warmups: 1 },
      checked: { keys: CHECKED, equal: mismatches.length === 0, ours: pick(health), naive: naiveAnswer },
      rows: results,
    });
    log(`wrote ${out}`);
    return mismatches.length === 0 && stored > 0;
  } finally {
    await fresh.dispose();
  }
}

/** One warm-up, then RUNS timed runs; seconds each. Only the warm-up when it alone took over SLOW_SECONDS. */
async function measure(fn: () => Promise<unknown>): Promise<number[]> {
  const w = performance.now();
  await fn();
  const warm = (performance.now() - w) / 1000;
  if (warm > SLOW_SECONDS) return [warm];
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await fn();
    times.push((performance.now() - t) / 1000);
  }
  return times;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const pick = (h: HealthReport): Checked => Object.fromEntries(CHECKED.map((k) => [k, h[k]])) as unknown as Checked;

/**
 * The workspace's core health numbers as a straightforward implementation would get them: one SQL over
 * the raw events, window = first event to 1 ms after the last, a GROUP BY member for the concentration
 * numbers, a self-join for first replies, local days for dau/wau/mau. Only the final divisions happen
 * here, in the same order of operations as concentration.ts, so equal integers give equal floats.
 */
async function naive(database: Database, ws: WorkspaceRef): Promise<Checked> {
  const [r] = await withTenant(database, ws, ACTOR, (ctx) => rows<{
    messages: number; speakers: number; total: string | null; gini_num: string | null; top_sum: string | null; absence: number;
    joins: number; leaves: number; replies: number; median: number | null; dau: number; wau: number; mau: number;
  }>(ctx.db, sql`
    with bounds as (
      select min(occurred_at) as f, max(occurred_at) + interval '1 millisecond' as t
      from events where workspace_id = ${ws.id} and community_id is not null),
    w as (
      select e.* from events e, bounds
      where e.workspace_id = ${ws.id} and e.community_id is not null and e.occurred_at >= bounds.f and e.occurred_at < bounds.t),
    msgs as (
      select id, community_id, member_id, occurred_at, nullif(data->>'replyTo', '') as reply_to,
             (occurred_at at time zone ${ws.timeZone})::date as day
      from w
      where type = 'message.sent'
        and not coalesce(data->'actionId' not in ('null'::jsonb, 'false'::jsonb, '0'::jsonb, '""'::jsonb), false)),
    per_member as (select member_id, count(*) as x from msgs group by member_id),
    ranked as (
      select x,
             row_number() over (order by x) as asc_rn,
             row_number() over (order by x desc) as desc_rn,
             sum(x) over (order by x desc rows between unbounded preceding and current row) as cum_desc,
             count(*) over () as n,
             sum(x) over () as total
      from per_member),
    conc as (
      select count(*)::int as speakers, sum(x)::text as total, sum((2 * asc_rn - n - 1) * x)::text as gini_num,
             (sum(x) filter (where desc_rn <= (n + 4) / 5))::text as top_sum,
             (count(*) filter (where 2 * (cum_desc - x) < total))::int as absence
      from ranked),
    answered as (
      select t.id, min(r.occurred_at) - t.occurred_at as wait
      from msgs t join msgs r on r.reply_to = t.id and r.community_id = t.community_id and r.member_id <> t.member_id and r.occurred_at >= t.occurred_at
      group by t.id, t.occurred_at),
    last_day as (select ((t - interval '1 microsecond') at time zone ${ws.timeZone})::date as d from bounds)
    select (select count(*)::int from msgs) as messages,
           conc.speakers, conc.total, conc.gini_num, conc.top_sum, conc.absence,
           (select count(*)::int from w where type = 'member.joined') as joins,
           (select count(*)::int from w where type = 'member.left') as leaves,
           (select count(*)::int from msgs where reply_to is not null) as replies,
           (select (percentile_cont(0.5) within group (order by extract(epoch from wait) / 60))::float8 from answered) as median,
           (select count(distinct member_id)::int from msgs, last_day where day = last_day.d) as dau,
           (select count(distinct member_id)::int from msgs, last_day where day > last_day.d - 7) as wau,
           (select count(distinct member_id)::int from msgs, last_day where day > last_day.d - 30) as mau
    from conc`));
  const total = Number(r!.total ?? 0);
  return {
    messages: r!.messages,
    speakers: r!.speakers,
    joins: r!.joins,
    leaves: r!.leaves,
    top20_share: total === 0 ? null : Number(r!.top_sum) / total,
    gini: r!.speakers === 0 || total === 0 ? null : Number(r!.gini_num) / (r!.speakers * total),
    absence_factor: r!.absence,
    reply_share: r!.messages > 0 ? r!.replies / r!.messages : null,
    median_first_reply_minutes: r!.median,
    dau: r!.dau,
    wau: r!.wau,
    mau: r!.mau,
  };
}

function printRows(results: PathRow[], log: (line: string) => void): void {
  const header = ['driver', 'path', 'seconds (median)', 'runs', 'naive/ours', 'check'];
  const cells = results.map((r) => [r.driver, r.path, r.seconds.toFixed(3), r.runs.map((x) => x.toFixed(2)).join(' '),
    r.ratioNaiveToOurs === null ? '' : r.ratioNaiveToOurs.toFixed(2), r.note ?? '']);
  logTable(header, cells, new Set([2, 4]), log);
}
