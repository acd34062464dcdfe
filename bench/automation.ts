import path from 'node:path';
import type { Database, DriverKind } from '../src/db/client.js';
import { rows, sql } from '../src/db/client.js';
import { withTenant, type TenantCtx } from '../src/core/context.js';
import { registerAdapter } from '../src/channels/registry.js';
import { sandboxAdapter } from '../src/channels/sandbox/outbound.js';
import { createWorkspace } from '../src/modules/workspace/create-workspace.js';
import { createTemplate } from '../src/modules/automation/templates/create-template.js';
import { setGuardrailSettings } from '../src/modules/automation/guardrails/set-guardrail-settings.js';
import { DEFAULT_GUARDRAILS } from '../src/modules/automation/guardrails/contracts.js';
import { dispatchActions } from '../src/modules/automation/dispatch-actions.js';
import { createPlan } from '../src/modules/automation/sop/create-plan.js';
import { planInputSchema } from '../src/modules/automation/sop/contracts.js';
import { runSopTick } from '../src/modules/automation/sop/run-sop-tick.js';
import { freshDatabase, scalar, type DatabaseTarget, type PgliteStorage } from './lib/databases.js';
import { logTable, machineInfo, round, writeJson } from './lib/report.js';

export interface AutomationBenchOptions { communities: number; deliver: number; drivers: DriverKind[]; serverUrl: string; pglite: PgliteStorage; resultsDir: string }

interface Line { driver: string; path: string; actions: number; seconds: number; perSecond: number; ratio: number | null; note?: string }

const TIMES = ['09:00', '12:00', '18:00', '21:00']; // a realistic SOP day: morning, midday offer, evening, wrap-up
const system = { kind: 'system' as const, name: 'bench' };
const elapsed = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;

/**
 * One day of SOP steps for N sandbox communities (docs/benchmarks.md, "automation"): the tick's
 * materialisation against a plain INSERT of the same action rows, delivery through dispatchActions, and
 * what a tick costs when nothing is due, at two sizes, with the plan of its one cross-workspace query.
 */
export async function runAutomationBench(opts: AutomationBenchOptions, log: (line: string) => void): Promise<{ ok: boolean }> {
  const lines: Line[] = [];
  const details: Record<string, unknown> = {};
  let ok = true;
  for (const driver of opts.drivers) {
    const target: DatabaseTarget = { driver, serverUrl: opts.serverUrl, pglite: opts.pglite };
    const fresh = await freshDatabase(target);
    try {
      const r = await oneDriver(fresh.database, driver, opts, log);
      lines.push(...r.lines);
      details[driver] = r.details;
      ok = ok && r.ok;
    } finally {
      await fresh.dispose();
    }
  }
  printLines(lines, log);
  const out = writeJson(path.join(opts.resultsDir, 'automation.json'), {
    bench: 'automation', machine: machineInfo(), workload: { communities: opts.communities, stepsPerDay: TIMES.length, times: TIMES, delivered: opts.deliver }, rows: lines, details,
  });
  log(`wrote ${out}`);
  return { ok };
}

async function oneDriver(database: Database, driver: DriverKind, opts: AutomationBenchOptions, log: (line: string) => void) {
  const n = opts.communities;
  const small = Math.max(1, Math.round(n / 10));
  const ws = await createWorkspace(database, { slug: 'bench-sop', name: 'Bench', timeZone: 'Asia/Shanghai' });
  const tenant = <T>(fn: (ctx: TenantCtx) => Promise<T>) => withTenant(database, ws, system, fn);
  log(`${driver}: ${n.toLocaleString('en-US')} + ${small.toLocaleString('en-US')} sandbox communities, ${TIMES.length} steps a day`);
  const templates = await tenant(async (ctx) => {
    // Delivery is measured, not the guardrails' hold: no quiet hours, no cap.
    await setGuardrailSettings(ctx, { ...DEFAULT_GUARDRAILS, quietHours: { start: '00:00', end: '00:00' }, groupMarketingPerDay: null });
    await insertCommunities(ctx, 'basic', n);
    await insertCommunities(ctx, 'vip', small);
    const ids: string[] = [];
    for (const time of TIMES) ids.push((await createTemplate(ctx, { name: `SOP ${time}`, contentType: 'text', variants: [{ key: 'A', weight: 1, content: { text: `{{community.name}} ${time} {{date}}` } }] })).id);
    return ids;
  });
  await runSopTick(database, { now: new Date(0) }); // the trigger noted every new group: sync them now, outside the clock

  // The small size: a plan on the vip groups whose steps are a year away, so its targets are never due here.
  const nextYear = `${new Date().getUTCFullYear() + 1}-06-01`;
  await tenant((ctx) => createPlan(ctx, planInputSchema.parse({
    name: 'far away', communityTypes: ['vip'], steps: TIMES.map((time, i) => ({ time, recurrence: { kind: 'dates', dates: [nextYear] }, templateId: templates[i] })),
  })));
  const idleSmall = await idleTick(database);
  const created = process.hrtime.bigint();
  const plan = await tenant((ctx) => createPlan(ctx, planInputSchema.parse({
    name: 'daily', communityTypes: ['basic'], steps: TIMES.map((time, i) => ({ time, recurrence: { kind: 'daily' }, templateId: templates[i] })),
  })));
  const createSeconds = elapsed(created);
  const idleLarge = await idleTick(database);
  const explain = await explainDue(database);

  // (a) The tick at each step's time: every (step, community) of one day becomes an outbox action.
  const dueTimes = (await rows<{ at: Date }>(database.db, sql`select distinct next_run_at as at from sop_targets where plan_id = ${plan.id} order by 1`)).map((r) => r.at);
  const start = process.hrtime.bigint();
  let queued = 0;
  const ticks: { at: string; seconds: number; queued: number; batches: number }[] = [];
  for (const at of dueTimes.slice(0, TIMES.length)) {
    const t0 = process.hrtime.bigint();
    const r = await runSopTick(database, { now: new Date(at.getTime() + 60_000), batchSize: 500, maxBatches: 1_000_000 });
    ticks.push({ at: at.toISOString(), seconds: round(elapsed(t0), 2), queued: r.queued, batches: r.batches });
    queued += r.queued;
  }
  const tickSeconds = elapsed(start);
  const expected = n * TIMES.length;
  const stored = Number(await scalar(database, `select count(*) from actions where idempotency_key like 'sop:%'`));
  const tickOk = queued === expected && stored === expected;
  if (!tickOk) log(`  the tick queued ${queued} and stored ${stored} actions, expected ${expected}: results invalid`);

  // (b) The baseline: the same action rows, read back before the clock, into a plain table (primary key only).
  const copy = await rows<Record<string, unknown>>(database.db, sql`
    select workspace_id, idempotency_key, kind, channel, community_id, payload, next_attempt_at from actions where idempotency_key like 'sop:%'`);
  await database.db.execute(sql`create table bench_actions (workspace_id uuid not null, id uuid not null default gen_random_uuid(), idempotency_key text not null,
    kind text not null, channel text not null, community_id uuid, payload jsonb not null, status text not null default 'pending', attempts integer not null default 0,
    next_attempt_at timestamptz not null, created_at timestamptz not null default now(), primary key (workspace_id, id))`);
  const b0 = process.hrtime.bigint();
  for (let i = 0; i < copy.length; i += 1000) {
    await database.db.execute(sql`
      insert into bench_actions (workspace_id, idempotency_key, kind, channel, community_id, payload, next_attempt_at)
      select x.workspace_id, x.idempotency_key, x.kind, x.channel, x.community_id, x.payload, x.next_attempt_at
      from jsonb_to_recordset(${JSON.stringify(copy.slice(i, i + 1000))}::jsonb)
        as x(workspace_id uuid, idempotency_key text, kind text, channel text, community_id uuid, payload jsonb, next_attempt_at timestamptz)`);
  }
  const baseSeconds = elapsed(b0);
  const baseOk = Number(await scalar(database, 'select count(*) from bench_actions')) === copy.length;
  const baseRate = copy.length / baseSeconds;

  // (c) Delivery through dispatchActions to the sandbox: at the adapter's own rate limit, then with it lifted.
  const limited = Math.min(opts.deliver, 500, stored);
  const d0 = process.hrtime.bigint();
  const sentLimited = await deliver(database, limited);
  const limitedSeconds = elapsed(d0);
  const restore = registerAdapter({ ...sandboxAdapter, ratePerSecond: 1e9 });
  const d1 = process.hrtime.bigint();
  const sentFree = await deliver(database, Math.min(opts.deliver, stored - sentLimited)).finally(restore);
  const freeSeconds = elapsed(d1);
  const deliverOk = sentLimited === limited && sentFree === Math.min(opts.deliver, stored - sentLimited);

  const lines: Line[] = [
    { driver, path: 'createPlan: compute targets (communities x steps)', actions: n * TIMES.length, seconds: createSeconds, perSecond: (n * TIMES.length) / createSeconds, ratio: null, note: 'targets' },
    { driver, path: 'baseline: plain INSERT of the same action rows', actions: copy.length, seconds: baseSeconds, perSecond: baseRate, ratio: 1, note: baseOk ? undefined : 'FAILED' },
    { driver, path: `SOP tick: materialise one day (${TIMES.length} ticks)`, actions: queued, seconds: tickSeconds, perSecond: queued / tickSeconds, ratio: queued / tickSeconds / baseRate, note: tickOk ? undefined : 'FAILED' },
    { driver, path: `dispatchActions, sandbox at its ${sandboxAdapter.ratePerSecond}/s limit`, actions: sentLimited, seconds: limitedSeconds, perSecond: sentLimited / limitedSeconds, ratio: null },
    { driver, path: 'dispatchActions, rate limit lifted (bench only)', actions: sentFree, seconds: freeSeconds, perSecond: sentFree / freeSeconds, ratio: null, note: deliverOk ? undefined : 'FAILED' },
    { driver, path: `idle tick, ${(small * TIMES.length).toLocaleString('en-US')} not-due targets`, actions: 0, seconds: idleSmall.medianMs / 1000, perSecond: 0, ratio: null, note: `median of ${idleSmall.runs} runs, ms ${idleSmall.medianMs.toFixed(2)}` },
    { driver, path: `idle tick, ${((small + n) * TIMES.length).toLocaleString('en-US')} not-due targets`, actions: 0, seconds: idleLarge.medianMs / 1000, perSecond: 0, ratio: null, note: `median of ${idleLarge.runs} runs, ms ${idleLarge.medianMs.toFixed(2)}` },
  ];
  return { lines, ok: tickOk && baseOk && deliverOk, details: { ticks, idleSmall, idleLarge, explainDue: explain } };
}

async function insertCommunities(ctx: TenantCtx, type: string, count: number): Promise<void> {
  await ctx.db.execute(sql`insert into communities (workspace_id, name, type, channel, external_id)
    select ${ctx.workspaceId}, ${type} || ' group ' || i, ${type}, 'sandbox', ${type} || '-' || i from generate_series(1, ${count}) i`);
}

async function deliver(database: Database, count: number): Promise<number> {
  let sent = 0;
  while (sent < count) {
    const r = await dispatchActions(database, Math.min(100, count - sent));
    if (r.sent + r.failed + r.retried === 0) break;
    sent += r.sent;
  }
  return sent;
}

/** The tick with nothing due (its `now` before every next_run_at): the median of 30 runs after 3 warm-ups. */
async function idleTick(database: Database): Promise<{ runs: number; medianMs: number }> {
  if (database.kind === 'pglite') await database.db.execute(sql`analyze sop_targets`);
  const now = new Date(Date.now() - 3 * 86400_000);
  const times: number[] = [];
  for (let i = 0; i < 33; i++) {
    const t0 = process.hrtime.bigint();
    const r = await runSopTick(database, { now });
    if (r.targets) throw new Error('idle tick found due work');
    if (i >= 3) times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { runs: times.length, medianMs: round(times[Math.floor(times.length / 2)]!, 3) };
}

/** EXPLAIN ANALYZE of the tick's cross-workspace question with nothing due: which index, how many rows read. */
async function explainDue(database: Database): Promise<string[]> {
  await database.db.execute(sql`analyze sop_targets`);
  const plan = await rows<{ 'QUERY PLAN': string }>(database.db, sql.raw(
    `explain (analyze, buffers, costs off, timing off) select distinct workspace_id from sop_targets where next_run_at <= '${new Date(Date.now() - 3 * 86400_000).toISOString()}'::timestamptz`));
  return plan.map((p) => p['QUERY PLAN']);
}

function printLines(lines: Line[], log: (line: string) => void): void {
  const header = ['driver', 'path', 'actions', 'seconds', 'per s', 'ratio', 'note'];
  const cells = lines.map((l) => [l.driver, l.path, l.actions.toLocaleString('en-US'), l.seconds < 0.1 ? l.seconds.toFixed(5) : l.seconds.toFixed(2),
    l.perSecond ? Math.round(l.perSecond).toLocaleString('en-US') : '', l.ratio === null ? '' : l.ratio.toFixed(3), l.note ?? '']);
  logTable(header, cells, new Set([2, 3, 4, 5]), log);
  for (const l of lines) if (l.note === 'FAILED') log(`FAILED: ${l.driver} ${l.path}`);
}
