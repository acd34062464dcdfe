import { estimateEvents, generateEvents } from '../src/modules/simulator/generate-events.js';
import type { SimulationOptions } from '../src/modules/simulator/options.js';
import type { EventInput } from '../src/modules/tracking/event-contract.js';

export const BATCH_SIZE = 1000;

export interface Workload {
  /** The simulator options the events came from (the stream is cut at `events`). */
  shape: SimulationOptions;
  batches: EventInput[][];
  events: number;
  /** Seconds the simulator took to produce these events: its own throughput, reported beside the paths. */
  generateSeconds: number;
}

/**
 * The events every path stores, generated once so all paths see identical rows. The world grows with the
 * target (about 100 members per group, as in the demo) and the window is made long enough to reach it;
 * the stream is then cut at exactly `total` events, which keeps joins before the messages that need them.
 */
export function buildWorkload(total: number, seed: number): Workload {
  const communities = Math.max(2, Math.round(total / 5000));
  const base = { communities, members: communities * 100, seed, batchSize: BATCH_SIZE, now: new Date('2025-06-01T00:00:00Z') };
  let days = 30;
  // The estimate is within about ±25%, so aim 40% over and lengthen the window if the stream still falls short.
  while (estimateEvents({ ...base, days }) < total * 1.4) days += 10;
  for (let attempt = 0; attempt < 4; attempt++, days *= 2) {
    const shape: SimulationOptions = { ...base, days };
    const started = performance.now();
    const batches: EventInput[][] = [];
    let events = 0;
    for (const batch of generateEvents(shape)) {
      const take = Math.min(batch.length, total - events);
      batches.push(take === batch.length ? batch : batch.slice(0, take));
      events += take;
      if (events === total) break;
    }
    if (events === total) return { shape, batches: rechunk(batches), events, generateSeconds: (performance.now() - started) / 1000 };
  }
  throw new Error(`the simulator did not produce ${total} events even with ${days} days`);
}

/** Batches of exactly BATCH_SIZE (the last may be short), whatever size the generator yielded. */
function rechunk(batches: EventInput[][]): EventInput[][] {
  if (batches.every((b, i) => b.length === BATCH_SIZE || i === batches.length - 1)) return batches;
  const flat = batches.flat();
  const out: EventInput[][] = [];
  for (let i = 0; i < flat.length; i += BATCH_SIZE) out.push(flat.slice(i, i + BATCH_SIZE));
  return out;
}

/** Every event id is distinct, or dedupe would make "stored" smaller than "sent" for reasons of our own. */
export function assertDistinctIds(workload: Workload): void {
  const ids = new Set<string>();
  for (const batch of workload.batches) for (const e of batch) ids.add(e.id);
  if (ids.size !== workload.events) throw new Error(`workload has ${workload.events - ids.size} repeated event ids`);
}
