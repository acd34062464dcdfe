import path from 'node:path';
import type { Database, DriverKind } from '../src/db/client.js';
import { one, rows, sql } from '../src/db/client.js';
import { withTenant, type TenantCtx } from '../src/core/context.js';
import { createWorkspace } from '../src/modules/workspace/create-workspace.js';
import { admitBuyer } from '../src/modules/commerce/flash-sale/admit-buyer.js';
import { createSession } from '../src/modules/commerce/flash-sale/save-session.js';
import { sessionInputSchema } from '../src/modules/commerce/flash-sale/contracts.js';
import { perDriver, scalar, type PgliteStorage } from './lib/databases.js';
import { logTable, machineInfo, round, writeJson } from './lib/report.js';

export interface CommerceBenchOptions { buyers: number; units: number; buckets: number; drivers: DriverKind[]; serverUrl: string; pglite: PgliteStorage; resultsDir: string }

interface Line { driver: string; path: string; buyers: number; admitted: number; seconds: number; perSecond: number; ratio: number | null; oversold: number; note?: string }

const system = { kind: 'system' as const, name: 'bench' };
const elapsed = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;

/**
 * Flash-sale admissions per second for one hot SKU (docs/benchmarks.md, "commerce"): --buyers buyers, all
 * in flight at once, for --units units, each buyer its own transaction. The baseline is a plain guarded
 * `UPDATE ... SET stock = stock - 1 WHERE stock > 0` of one row; then admitBuyer (window, idempotency row,
 * per-member counter, bucket decrement, an order through createOrder) with the stock in one bucket and in
 * --buckets buckets. "per second" is buyers answered (admitted or refused) per second. Every path must sell
 * exactly --units and no row may go below 0 (zero oversell), or the run is invalid.
 */
export async function runCommerceBench(opts: CommerceBenchOptions, log: (line: string) => void): Promise<{ ok: boolean }> {
  const { lines, ok } = await perDriver(opts, (database, driver) => oneDriver(database, driver, opts, log));
  const header = ['driver', 'path', 'buyers', 'admitted', 'oversold', 'seconds', 'buyers/s', 'vs baseline'];
  const cells = lines.map((l) => [l.driver, l.path, l.buyers.toLocaleString('en-US'), String(l.admitted), String(l.oversold), String(round(l.seconds, 2)),
    l.perSecond.toLocaleString('en-US'), l.ratio === null ? '' : `${round(l.ratio, 3)}`]);
  logTable(header, cells, new Set([2, 3, 4, 5, 6, 7]), log);
  const out = writeJson(path.join(opts.resultsDir, 'commerce.json'), {
    bench: 'commerce', machine: machineInfo(), workload: { buyers: opts.buyers, units: opts.units, buckets: opts.buckets }, rows: lines,
  });
  log(`wrote ${out}`);
  return { ok };
}

async function oneDriver(database: Database, driver: DriverKind, opts: CommerceBenchOptions, log: (line: string) => void) {
  const ws = await createWorkspace(database, { slug: 'bench-commerce', name: 'Bench', timeZone: 'Asia/Shanghai' });
  const tenant = <T>(fn: (ctx: TenantCtx) => Promise<T>) => withTenant(database, ws, system, fn);
  log(`${driver}: ${opts.buyers.toLocaleString('en-US')} buyers at once for ${opts.units} units of one SKU`);
  const { members, skuId } = await tenant(async (ctx) => {
    const found = await rows<{ id: string }>(ctx.db, sql`
      insert into members (workspace_id, display_name, first_seen_at) select ${ws.id}, 'buyer' || g, now() from generate_series(1, ${opts.buyers}) g returning id`);
    const p = (await one<{ id: string }>(ctx.db, sql`insert into products (workspace_id, name) values (${ws.id}, 'hot') returning id`))!;
    const sku = (await one<{ id: string }>(ctx.db, sql`
      insert into product_skus (workspace_id, product_id, name, price_cents, stock) values (${ws.id}, ${p.id}, 'one', 9900, ${opts.units * 2}) returning id`))!;
    return { members: found.map((m) => m.id), skuId: sku.id };
  });
  // The baseline's table: the stock and its guard, nothing else.
  await database.db.execute(sql`create table bench_stock (id integer primary key, stock integer not null check (stock >= 0))`);
  await database.db.execute(sql.raw('grant select, update on bench_stock to shequn_app'));
  await database.db.execute(sql`insert into bench_stock values (1, ${opts.units})`);

  const all = async (buy: (memberId: string, i: number) => Promise<boolean>) => {
    const start = process.hrtime.bigint();
    const got = await Promise.all(members.map((m, i) => buy(m, i)));
    return { seconds: elapsed(start), admitted: got.filter(Boolean).length };
  };
  const baseline = await all(() => tenant(async (ctx) => !!(await one(ctx.db, sql`update bench_stock set stock = stock - 1 where id = 1 and stock > 0 returning stock`))));
  const baselineLeft = Number(await scalar(database, 'select stock from bench_stock where id = 1'));

  const flash = async (buckets: number) => {
    const session = await tenant((ctx) => createSession(ctx, sessionInputSchema.parse({
      name: `bench ${buckets}`, startsAt: new Date(Date.now() - 60_000).toISOString(), endsAt: new Date(Date.now() + 3_600_000).toISOString(),
      perMemberLimit: 1, bucketCount: buckets, items: [{ skuId, salePriceCents: 990, saleStock: opts.units }],
    })));
    const r = await all((memberId, i) => tenant(async (ctx) => (await admitBuyer(ctx, session.id, { memberId, skuId, idempotencyKey: `bench:${buckets}:${i}` })).admitted));
    const left = Number(await scalar(database, 'select sum(stock) from flash_sale_buckets where session_id = $1', [session.id]));
    const negative = Number(await scalar(database, 'select count(*) from flash_sale_buckets where session_id = $1 and stock < 0', [session.id]));
    const orders = Number(await scalar(database, 'select count(*) from orders where campaign = $1', [`flash-sale:${session.id}`]));
    return { ...r, left, negative, orders };
  };
  const single = await flash(1);
  const split = await flash(opts.buckets);
  const skuLeft = Number(await scalar(database, 'select stock from product_skus where id = $1', [skuId]));

  const perSecond = (s: number) => Math.round(opts.buyers / s);
  const baseOk = baseline.admitted === opts.units && baselineLeft === 0;
  const flashOk = (r: typeof single) => r.admitted === opts.units && r.left === 0 && r.negative === 0 && r.orders === opts.units;
  // Both sessions set their units aside from the SKU's 2 × units; the buying itself never touches it.
  const ok = baseOk && flashOk(single) && flashOk(split) && skuLeft === 0;
  if (!ok) log(`  invalid: baseline sold ${baseline.admitted} (left ${baselineLeft}), one bucket sold ${single.admitted}, ${opts.buckets} buckets sold ${split.admitted}, SKU left ${skuLeft}`);
  const line = (p: string, r: { seconds: number; admitted: number }, good: boolean, ratio: number | null): Line => ({
    driver, path: p, buyers: opts.buyers, admitted: r.admitted, seconds: r.seconds, perSecond: perSecond(r.seconds), ratio,
    oversold: Math.max(0, r.admitted - opts.units), note: good ? undefined : 'FAILED',
  });
  return {
    ok,
    lines: [
      line('guarded UPDATE (baseline)', baseline, baseOk, null),
      line('admitBuyer, 1 bucket', single, flashOk(single), baseline.seconds / single.seconds),
      line(`admitBuyer, ${opts.buckets} buckets`, split, flashOk(split), baseline.seconds / split.seconds),
    ],
  };
}
