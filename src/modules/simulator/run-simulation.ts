import type { EventInput } from '../tracking/event-contract.js';
import { DAY_MS } from './china-time.js';
import { estimateEvents, generateEvents } from './generate-events.js';
import { resolveOptions, type SimulationOptions } from './options.js';

export interface SimulationProgress {
  events: number;
  estimated: number;
  /** Window day reached (0 while writing the history before the window, then 1..days). */
  day: number;
  days: number;
}

/**
 * Pushes a simulation through an intake function batch by batch, awaiting each so the generator never
 * runs ahead of the database. `members` counts every member identity written: the customers plus one
 * host account per community.
 */
export async function runSimulation(
  ingest: (events: EventInput[]) => Promise<void>,
  opts: SimulationOptions,
  onProgress?: (p: SimulationProgress) => void,
): Promise<{ events: number; communities: number; members: number }> {
  const resolved = resolveOptions(opts);
  // Pin the window once: with a default start, generateEvents would otherwise re-read the clock.
  const fixed: SimulationOptions = { ...opts, start: new Date(resolved.startMs) };
  const estimated = estimateEvents(fixed);
  let events = 0;
  for (const batch of generateEvents(fixed)) {
    await ingest(batch);
    events += batch.length;
    if (onProgress) {
      const last = Date.parse(batch[batch.length - 1]!.occurredAt);
      const day = Math.max(0, Math.min(resolved.days, Math.floor((last - resolved.startMs) / DAY_MS) + 1));
      onProgress({ events, estimated: Math.max(estimated, events), day, days: resolved.days });
    }
  }
  return { events, communities: resolved.communities, members: resolved.members + resolved.communities };
}
