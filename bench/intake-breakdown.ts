import path from 'node:path';
import { sql, type Db, type SQL } from '../src/db/client.js';
import { withTenant } from '../src/core/context.js';
import { ingestEvents } from '../src/modules/tracking/ingest-events.js';
import { parseEvent } from '../src/modules/tracking/event-contract.js';
import { freshDatabase, scalar } from './lib/databases.js';
import { machineInfo, round, writeJson } from './lib/report.js';
import { benchWorkspace } from './intake-paths.js';
import { buildWorkload } from './intake-workload.js';
import type { IntakeOptions } from './intake.js';

/** The start of a statement's text, enough to tell the intake's statements apart. */
function label(query: SQL): string {
  const first = query.queryChunks[0] as { value?: string[] } | undefined;
  return (first?.value?.join('') ?? '?').replace(/\s+/g, ' ').trim().slice(0, 60);
}

/** ctx.db with every execute() first shown to `before`, then timed; everything else passes through. */
function timedDb(db: Db, onStatement: (label: string, ms: number) => void, before?: (label: string, query: SQL) => Promise<void>): Db {
  return new Proxy(db, {
    get(target, prop, receiver) {
      if (prop !== 'execute') return Reflect.get(target, prop, receiver);
      return async (query: SQL) => {
        if (before) await before(label(query), query);
        const started = performance.now();
        try {
          return await target.execute(query);
        } finally {
          onStatement(label(query), performance.now() - started);
        }
      };
    },
  });
}

/**
 * A diagnostic, not a benchmark: the simulator path with each SQL statement of the intake timed, zod
 * parsing timed separately, and EXPLAIN ANALYZE of the events insert for one extra (rolled back) batch,
 * whose "Trigger for constraint" lines show what the foreign-key checks cost. The timing wrapper adds a
 * little overhead, so compare shares, not absolute speed, with the intake bench.
 */
export async function runIntakeBreakdown(opts: IntakeOptions, log: (line: string) => void): Promise<{ ok: boolean }> {
  const workload = buildWorkload(opts.events + 1000, opts.seed);
  const measured = workload.batches.slice(0, -1);
  const probe = workload.batches[workload.batches.length - 1]!;
  const sent = measured.reduce((n, b) => n + b.length, 0);
  const actor = { kind: 'system' as const, name: 'simulator' };
  let ok = true;
  for (const driver of opts.drivers) {
    const fresh = await freshDatabase({ driver, serverUrl: opts.serverUrl, pglite: opts.pglite });
    try {
      const ws = await benchWorkspace(fresh.database, 'bench-breakdown');
      const totals = new Map<string, number>();
      const add = (key: string, ms: number) => void totals.set(key, (totals.get(key) ?? 0) + ms);
      let parseMs = 0;
      let wallMs = 0;
      for (const batch of measured) {
        const parsing = performance.now();
        for (const e of batch) parseEvent(e);
        parseMs += performance.now() - parsing;
        const started = performance.now();
        await withTenant(fresh.database, ws, actor, (ctx) => ingestEvents({ ...ctx, db: timedDb(ctx.db, add) }, batch));
        wallMs += performance.now() - started;
      }
      // Shares of a pass that stored nothing would be meaningless, so check it as the intake bench does.
      const stored = Number(await scalar(fresh.database, 'SELECT count(*) FROM events WHERE workspace_id = $1', [ws.id]));
      if (stored !== sent) {
        ok = false;
        log(`  FAILED: stored ${stored} of ${sent} events`);
      }
      const explained: string[] = [];
      await withTenant(fresh.database, ws, actor, async (ctx) => {
        const explain = async (name: string, query: SQL) => {
          if (!name.startsWith('insert into events')) return;
          await ctx.db.execute(sql`savepoint explain_probe`);
          const plan = (await ctx.db.execute(sql`explain (analyze, costs off) ${query}`)) as unknown as { rows: Record<string, unknown>[] };
          await ctx.db.execute(sql`rollback to savepoint explain_probe`);
          explained.push(...plan.rows.map((r) => String(Object.values(r)[0])));
        };
        await ingestEvents({ ...ctx, db: timedDb(ctx.db, () => {}, explain) }, probe);
        throw new RollbackProbe();
      }).catch((err) => { if (!(err instanceof RollbackProbe)) throw err; });

      const statementsMs = [...totals.values()].reduce((a, b) => a + b, 0);
      const rows = [...totals].sort((a, b) => b[1] - a[1]).map(([statement, ms]) => ({ statement, ms: round(ms), share: round(ms / wallMs, 3) }));
      rows.push({ statement: '(rest: begin/commit, tenant settings, JS between statements incl. zod)', ms: round(wallMs - statementsMs), share: round((wallMs - statementsMs) / wallMs, 3) });
      log(`\nintake breakdown, ${driver}: ${measured.length} batches, ${(wallMs / 1000).toFixed(1)} s inside withTenant; parseEvent alone ${(parseMs / 1000).toFixed(1)} s`);
      for (const r of rows) log(`  ${(r.ms / 1000).toFixed(2).padStart(7)} s  ${(r.share * 100).toFixed(1).padStart(5)}%  ${r.statement}`);
      const triggers = explained.filter((l) => l.startsWith('Trigger for constraint') || l.startsWith('Execution Time'));
      log(`  EXPLAIN ANALYZE of the events insert for one more batch:\n${triggers.map((l) => `    ${l}`).join('\n')}`);
      const file = writeJson(path.join(opts.resultsDir, `intake-breakdown-${driver}.json`), {
        bench: 'intake-breakdown', machine: machineInfo(), driver, events: sent, stored, wallMs: round(wallMs), parseMs: round(parseMs), statements: rows, eventsInsertPlan: explained,
      });
      log(`  wrote ${path.relative(process.cwd(), file)}`);
    } finally {
      await fresh.dispose();
    }
  }
  return { ok };
}

class RollbackProbe extends Error {}
