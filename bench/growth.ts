import path from 'node:path';
import type { Database, DriverKind } from '../src/db/client.js';
import { rows, sql } from '../src/db/client.js';
import { withTenant, type TenantCtx, type WorkspaceRef } from '../src/core/context.js';
import { createWorkspace } from '../src/modules/workspace/create-workspace.js';
import { createLiveCode } from '../src/modules/growth/live-codes/create-live-code.js';
import { routeScan } from '../src/modules/growth/live-codes/route-scan.js';
import { STRATEGIES } from '../src/modules/growth/live-codes/contracts.js';
import { freshDatabase, scalar, type PgliteStorage } from './lib/databases.js';
import { logTable, machineInfo, round, writeJson } from './lib/report.js';

export interface GrowthBenchOptions {
  scans: number; pool: number; concurrency: number; drivers: DriverKind[]; serverUrl: string; pglite: PgliteStorage; resultsDir: string;
}

/** One row of the table: `ratio` is operations/s over the same measurement's baseline (1 = as fast). */
export interface Line { driver: string; measurement: string; path: string; operations: number; seconds: number; perSecond: number; ratio: number | null; note?: string }

/** What a measurement gets: its own freshly migrated database on one driver. */
export interface MeasureContext { database: Database; driver: DriverKind; opts: GrowthBenchOptions; log: (line: string) => void }

/**
 * The growth module's measurements (docs/benchmarks.md, "growth"). Each measures its paths against a
 * baseline of its own in the same run and answers its rows with `ok` false if any path did not do all its
 * work; a new measurement is one more entry in MEASUREMENTS.
 */
export interface Measurement { name: string; measure(c: MeasureContext): Promise<{ lines: Line[]; ok: boolean; details?: unknown }> }

const system = { kind: 'system' as const, name: 'bench' };
const elapsed = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;
const SOURCES = ['wechat-article', 'poster', 'moments'];

/** Runs `work(i)` for i in [0, total) with `width` of them in flight at once; answers the seconds taken. */
async function inFlight(total: number, width: number, work: (i: number) => Promise<void>): Promise<number> {
  let next = 0;
  const start = process.hrtime.bigint();
  await Promise.all(Array.from({ length: Math.min(width, total) }, async () => {
    for (let i = next++; i < total; i = next++) await work(i);
  }));
  return elapsed(start);
}

/** P sandbox groups of `members` members each, in plain SQL (the seeding is not what is measured). */
async function seedPool(database: Database, ws: WorkspaceRef, prefix: string, groups: number, members: number): Promise<string[]> {
  return withTenant(database, ws, system, async (ctx: TenantCtx) => {
    await ctx.db.execute(sql`insert into communities (workspace_id, name, channel, external_id, capacity)
      select ${ws.id}, ${prefix} || ' ' || g, 'sandbox', ${prefix} || '-' || g, 500 from generate_series(1, ${groups}) g`);
    await ctx.db.execute(sql`insert into members (workspace_id, display_name, first_seen_at)
      select ${ws.id}, ${prefix} || '-m' || g, now() from generate_series(1, ${groups * members}) g`);
    await ctx.db.execute(sql`
      insert into memberships (workspace_id, community_id, member_id, joined_at)
      select ${ws.id}, c.id, m.id, now() - interval '1 day'
      from (select id, row_number() over (order by external_id) - 1 as n from communities where workspace_id = ${ws.id} and external_id like ${prefix + '-%'}) c
      join (select id, row_number() over (order by display_name) - 1 as n from members where workspace_id = ${ws.id} and display_name like ${prefix + '-m%'}) m
        on m.n % ${groups} = c.n`);
    return (await rows<{ id: string }>(ctx.db, sql`
      select id from communities where workspace_id = ${ws.id} and external_id like ${prefix + '-%'} order by external_id`)).map((r) => r.id);
  });
}

/**
 * Live-code routing decisions per second with --concurrency scans (default 200) in flight: each a tenant
 * transaction that locks the live code, reads the pool's members and reservations, chooses and records the
 * scan. Baseline: the same number of tenant transactions each doing one guarded UPDATE of a seat counter
 * (`taken = taken + 1 where taken < capacity`), the least a router that respects capacity must do.
 * A last row opens groups: a full pool with room for 10 a group takes one burst, opening burst/10 groups.
 */
const liveCodeRouting: Measurement = {
  name: 'live-code routing',
  async measure({ database, driver, opts, log }) {
    const ws = await createWorkspace(database, { slug: 'bench-growth', name: 'Bench', timeZone: 'Asia/Shanghai' });
    const tenant = <T>(fn: (ctx: TenantCtx) => Promise<T>) => withTenant(database, ws, system, fn);
    const members = 100;
    log(`${driver}: live-code routing, ${opts.scans.toLocaleString('en-US')} scans per path, ${opts.concurrency} in flight, pool of ${opts.pool} groups of ${members}`);
    const pool = await seedPool(database, ws, 'bench', opts.pool, members);
    const lines: Line[] = [];
    let ok = true;
    // base: the baseline's rate; null for the baseline itself (ratio 1).
    const line = (p: string, operations: number, seconds: number, done: boolean, base: number | null) => {
      const perSecond = operations / seconds;
      lines.push({ driver, measurement: liveCodeRouting.name, path: p, operations, seconds, perSecond, ratio: base === null ? 1 : perSecond / base, note: done ? undefined : 'FAILED' });
      ok = ok && done;
      return perSecond;
    };

    await database.db.execute(sql`create table bench_seats (community_id uuid primary key, taken integer not null, capacity integer not null)`);
    await database.db.execute(sql.raw('grant select, update on bench_seats to shequn_app'));
    await database.db.execute(sql`insert into bench_seats select id, ${members}, 500 from communities where workspace_id = ${ws.id}`);
    const baseSeconds = await inFlight(opts.scans, opts.concurrency, async (i) => {
      await tenant((ctx) => ctx.db.execute(sql`update bench_seats set taken = taken + 1 where community_id = ${pool[i % pool.length]} and taken < capacity`));
    });
    const taken = Number(await scalar(database, 'select sum(taken) - $1::int from bench_seats', [members * pool.length]));
    const base = line('baseline: guarded UPDATE of a seat counter', opts.scans, baseSeconds, taken === opts.scans, null);

    for (const strategy of STRATEGIES) {
      const code = await tenant((ctx) => createLiveCode(ctx, { name: `bench ${strategy}`, strategy, capacity: 500, communityIds: pool }));
      let routed = 0;
      const seconds = await inFlight(opts.scans, opts.concurrency, async (i) => {
        const o = await tenant((ctx) => routeScan(ctx, { liveCodeId: code.id, source: SOURCES[i % SOURCES.length]!, visitor: `v${i}` }));
        if (o.kind === 'routed' && !o.opened) routed++;
      });
      line(`routeScan, ${strategy}`, opts.scans, seconds, routed === opts.scans, base);
      // The next strategy starts from the same fill.
      await database.db.execute(sql`delete from live_code_scans where workspace_id = ${ws.id}`);
    }

    const burst = Math.max(10, Math.min(opts.concurrency, opts.scans) - (Math.min(opts.concurrency, opts.scans) % 10));
    const [full] = await seedPool(database, ws, 'full', 1, 10);
    const code = await tenant((ctx) => createLiveCode(ctx, { name: 'bench full', baseName: '福利群', capacity: 10, communityIds: [full!] }));
    const seconds = await inFlight(burst, opts.concurrency, async (i) => {
      await tenant((ctx) => routeScan(ctx, { liveCodeId: code.id, source: null, visitor: `f${i}` }));
    });
    const opened = Number(await scalar(database, `select count(*) from communities where name like '福利群 %'`));
    line(`routeScan, full pool: ${burst} scans open ${burst / 10} groups of 10`, burst, seconds, opened === burst / 10, base);
    return { lines, ok, details: { openedGroups: opened } };
  },
};

export const MEASUREMENTS: Measurement[] = [liveCodeRouting];

export async function runGrowthBench(opts: GrowthBenchOptions, log: (line: string) => void): Promise<{ ok: boolean }> {
  const lines: Line[] = [];
  const details: Record<string, unknown> = {};
  let ok = true;
  for (const driver of opts.drivers) {
    for (const m of MEASUREMENTS) {
      const fresh = await freshDatabase({ driver, serverUrl: opts.serverUrl, pglite: opts.pglite });
      try {
        const r = await m.measure({ database: fresh.database, driver, opts, log });
        lines.push(...r.lines);
        details[`${driver}: ${m.name}`] = r.details;
        ok = ok && r.ok;
      } finally {
        await fresh.dispose();
      }
    }
  }
  printLines(lines, log);
  const out = writeJson(path.join(opts.resultsDir, 'growth.json'), {
    bench: 'growth', machine: machineInfo(), workload: { scans: opts.scans, pool: opts.pool, concurrency: opts.concurrency }, rows: lines, details,
  });
  log(`wrote ${out}`);
  return { ok };
}

function printLines(lines: Line[], log: (line: string) => void): void {
  const header = ['driver', 'measurement', 'path', 'operations', 'seconds', 'per s', 'vs baseline', 'note'];
  const cells = lines.map((l) => [l.driver, l.measurement, l.path, l.operations.toLocaleString('en-US'), l.seconds.toFixed(2),
    Math.round(l.perSecond).toLocaleString('en-US'), l.ratio === null ? '' : round(l.ratio, 3).toFixed(3), l.note ?? '']);
  logTable(header, cells, new Set([3, 4, 5, 6]), log);
  for (const l of lines) if (l.note === 'FAILED') log(`FAILED: ${l.driver} ${l.measurement} ${l.path}`);
}
