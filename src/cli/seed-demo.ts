import type { Database } from '../db/client.js';
import { refreshStatistics } from '../db/refresh-statistics.js';
import { withTenantRetrying, type WorkspaceRef } from '../core/context.js';
import { ingestEvents } from '../modules/tracking/ingest-events.js';
import { runSimulation } from '../modules/simulator/run-simulation.js';
import type { SimulationOptions } from '../modules/simulator/options.js';
import { DAY_MS, chinaMidnightOnOrBefore } from '../modules/simulator/china-time.js';
import type { EventInput } from '../modules/tracking/event-contract.js';

/** The demo's size: enough to make every page interesting, small enough to seed in seconds. */
export const DEMO_SIZE = { communities: 12, members: 1200, days: 45, seed: 1 };

/** Streams simulated events through the same intake verb as the HTTP API, one transaction per batch. */
export async function simulateInto(database: Database, ws: WorkspaceRef, opts: SimulationOptions, log: (msg: string) => void) {
  const actor = { kind: 'system' as const, name: 'simulator' };
  let lastShown = 0;
  let stored = 0;
  const ingest = async (batch: EventInput[]) => {
    const results = await withTenantRetrying(database, ws, actor, (ctx) => ingestEvents(ctx, batch));
    for (const r of results) {
      if (r.status === 'error') throw new Error(`simulator produced an invalid event ${r.id}: ${r.error}`);
      if (r.status === 'stored') stored++;
    }
  };
  const started = Date.now();
  const summary = await runSimulation(ingest, opts, (p) => {
    // Days are exact where the event estimate is only within about a quarter, so progress counts days.
    const pct = Math.floor((p.day / Math.max(1, p.days)) * 100);
    if (pct >= lastShown + 10) {
      lastShown = pct;
      log(`  simulating: day ${p.day}/${p.days} (${pct}%), ${p.events.toLocaleString('en-US')} events`);
    }
  });
  await refreshStatistics(database);
  const seconds = (Date.now() - started) / 1000;
  log(`  ${summary.events.toLocaleString('en-US')} events (${stored.toLocaleString('en-US')} new) in ${seconds.toFixed(1)} s, ${Math.round(summary.events / Math.max(seconds, 0.001)).toLocaleString('en-US')} events/s`);
  return { ...summary, stored, seconds };
}

/**
 * The demo's time window: whole days up to yesterday, then today up to this moment. A demo whose charts
 * end in an empty "today" would read as groups that just died.
 */
export function demoWindow(now: Date, days: number): { start: Date; until: Date } {
  return { start: new Date(chinaMidnightOnOrBefore(now.getTime()) - days * DAY_MS), until: now };
}
