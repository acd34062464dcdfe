import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { expect, it } from 'vitest';
import { generateEvents } from './generate-events.js';

// Kept in its own file so the worker's heap holds nothing else: heap figures are only meaningful when no
// other test keeps hundreds of MB alive (V8 lets garbage grow in proportion to the live heap).

/** A full garbage collection, so "retained" below means reachable memory, not garbage awaiting collection. */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

it('streams over a million events in bounded memory', () => {
  // 8000 members over 240 days give about 1.1 million events. A stream that kept its events would hold
  // several hundred MB by the end (an event is a few hundred bytes); a bounded one holds the world
  // (a few MB for 8000 members) plus one day of events (about 5000).
  collectGarbage();
  const before = process.memoryUsage().heapUsed;
  let peak = before;
  let retained = 0;
  let events = 0;
  let batches = 0;
  for (const batch of generateEvents({ communities: 40, members: 8000, days: 240, seed: 3, now: new Date('2026-11-20T10:00:00Z') })) {
    events += batch.length;
    batches++;
    if (batches % 50 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
    if (batches % 250 === 0) {
      collectGarbage();
      retained = Math.max(retained, process.memoryUsage().heapUsed - before);
    }
  }
  expect(events).toBeGreaterThan(1_000_000);
  expect(peak - before).toBeLessThan(150 * 1024 * 1024);
  // Reachable memory does not grow with the number of events generated.
  expect(retained).toBeLessThan(40 * 1024 * 1024);
}, 30_000);
