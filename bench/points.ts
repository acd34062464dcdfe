import path from 'node:path';
import type { Database, DriverKind } from '../src/db/client.js';
import { rows, sql } from '../src/db/client.js';
import { withTenant, type TenantCtx } from '../src/core/context.js';
import { createWorkspace } from '../src/modules/workspace/create-workspace.js';
import { earnPoints } from '../src/modules/loyalty/points/earn-points.js';
import { spendPoints } from '../src/modules/loyalty/points/spend-points.js';
import { setPointsSettings } from '../src/modules/loyalty/points/set-points-settings.js';
import { perDriver, scalar, type PgliteStorage } from './lib/databases.js';
import { logTable, machineInfo, round, writeJson } from './lib/report.js';

export interface PointsBenchOptions { postings: number; members: number; concurrency: number; drivers: DriverKind[]; serverUrl: string; pglite: PgliteStorage; resultsDir: string }

interface Line { driver: string; path: string; postings: number; seconds: number; perSecond: number; ratio: number | null; note?: string }

const system = { kind: 'system' as const, name: 'bench' };
const elapsed = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;

/**
 * Points postings per second (docs/benchmarks.md, "points"): the ledger's earn and spend verbs (account
 * lock, idempotency check, entry, lot, FIFO consumption) against a plain guarded UPDATE of a balance
 * column, both at the same concurrency, each posting its own transaction. Postings alternate earn 10 and
 * spend 7 over --members members, so members collide the way a busy check-in morning makes them.
 */
export async function runPointsBench(opts: PointsBenchOptions, log: (line: string) => void): Promise<{ ok: boolean }> {
  const { lines, ok } = await perDriver(opts, (database, driver) => oneDriver(database, driver, opts, log));
  const header = ['driver', 'path', 'postings', 'seconds', 'postings/s', 'vs baseline'];
  const cells = lines.map((l) => [l.driver, l.path, l.postings.toLocaleString('en-US'), String(round(l.seconds, 2)), l.perSecond.toLocaleString('en-US'), l.ratio === null ? '' : `${round(l.ratio, 3)}`]);
  logTable(header, cells, new Set([2, 3, 4, 5]), log);
  const out = writeJson(path.join(opts.resultsDir, 'points.json'), {
    bench: 'points', machine: machineInfo(), workload: { postings: opts.postings, members: opts.members, concurrency: opts.concurrency }, rows: lines,
  });
  log(`wrote ${out}`);
  return { ok };
}

async function oneDriver(database: Database, driver: DriverKind, opts: PointsBenchOptions, log: (line: string) => void) {
  const ws = await createWorkspace(database, { slug: 'bench-points', name: 'Bench', timeZone: 'Asia/Shanghai' });
  const tenant = <T>(fn: (ctx: TenantCtx) => Promise<T>) => withTenant(database, ws, system, fn);
  log(`${driver}: ${opts.postings.toLocaleString('en-US')} postings over ${opts.members} members, ${opts.concurrency} at a time`);
  const members = await tenant(async (ctx) => {
    await setPointsSettings(ctx, { expiryDays: 365, rules: [] });
    const found = await rows<{ id: string }>(ctx.db, sql`
      insert into members (workspace_id, display_name, first_seen_at) select ${ws.id}, 'm' || g, now() from generate_series(1, ${opts.members}) g returning id`);
    await ctx.db.execute(sql`
      insert into points_accounts (workspace_id, member_id) select ${ws.id}, id from members where workspace_id = ${ws.id}`);
    return found.map((m) => m.id);
  });
  // Every member starts with enough for the spends, so both paths post every posting.
  for (const m of members) await tenant((ctx) => earnPoints(ctx, { memberId: m, amount: 100_000, reason: 'seed', idempotencyKey: `seed:${m}` }));
  // The baseline's table: the balance and its guard, nothing else.
  await database.db.execute(sql`create table bench_balances (member_id uuid primary key, balance integer not null check (balance >= 0))`);
  await database.db.execute(sql.raw('grant select, update on bench_balances to shequn_app'));
  await database.db.execute(sql`insert into bench_balances select id, 100000 from members where workspace_id = ${ws.id}`);

  const run = async (post: (i: number) => Promise<void>) => {
    let next = 0;
    const start = process.hrtime.bigint();
    await Promise.all(Array.from({ length: opts.concurrency }, async () => {
      for (let i = next++; i < opts.postings; i = next++) await post(i);
    }));
    return elapsed(start);
  };
  const delta = (i: number) => (i % 2 === 0 ? 10 : -7);
  // The same tenant transaction around both, so the ratio is the ledger's own work.
  const baselineSeconds = await run((i) => tenant(async (ctx) => {
    const d = delta(i);
    await ctx.db.execute(sql`update bench_balances set balance = balance + ${d} where member_id = ${members[i % members.length]!} and balance + ${d} >= 0`);
  }));
  const ledgerSeconds = await run((i) => tenant(async (ctx) => {
    const memberId = members[i % members.length]!;
    const d = delta(i);
    if (d > 0) await earnPoints(ctx, { memberId, amount: d, reason: 'bench', idempotencyKey: `bench:${i}` });
    else await spendPoints(ctx, { memberId, amount: -d, reason: 'bench', idempotencyKey: `bench:${i}` });
  }));
  const posted = Number(await scalar(database, `select count(*) from points_entries where reason = 'bench'`));
  const expected = members.length * 100_000 + Math.ceil(opts.postings / 2) * 10 - Math.floor(opts.postings / 2) * 7;
  const sum = Number(await scalar(database, 'select sum(balance) from points_accounts'));
  const lotSum = Number(await scalar(database, 'select sum(remaining) from points_lots'));
  const ok = posted === opts.postings && sum === expected && lotSum === expected;
  if (!ok) log(`  the ledger posted ${posted} of ${opts.postings}, balances ${sum} and lots ${lotSum}, expected ${expected}: results invalid`);
  const perSecond = (s: number) => Math.round(opts.postings / s);
  return {
    ok,
    lines: [
      { driver, path: 'guarded UPDATE (baseline)', postings: opts.postings, seconds: baselineSeconds, perSecond: perSecond(baselineSeconds), ratio: null },
      { driver, path: 'earnPoints / spendPoints', postings: opts.postings, seconds: ledgerSeconds, perSecond: perSecond(ledgerSeconds), ratio: baselineSeconds / ledgerSeconds, note: ok ? undefined : 'FAILED' },
    ] satisfies Line[],
  };
}
