import { describe, expect, it } from 'vitest';
import type { EventInput } from '../tracking/event-contract.js';
import { generateEvents } from './generate-events.js';
import { runSimulation, type SimulationProgress } from './run-simulation.js';

const opts = { communities: 5, members: 400, days: 10, seed: 2, now: new Date('2026-11-20T10:00:00Z'), batchSize: 200 };

describe('runSimulation', () => {
  it('feeds every batch to the intake in order, one at a time, and reports progress', async () => {
    const received: EventInput[] = [];
    let inFlight = 0;
    const progress: SimulationProgress[] = [];
    const result = await runSimulation(
      async (batch) => {
        inFlight++;
        expect(inFlight).toBe(1);
        expect(batch.length).toBeLessThanOrEqual(200);
        await new Promise((resolve) => setImmediate(resolve));
        received.push(...batch);
        inFlight--;
      },
      opts,
      (p) => progress.push(p),
    );
    const expected = [...generateEvents(opts)].flat();
    expect(received.map((e) => e.id)).toEqual(expected.map((e) => e.id));
    expect(result).toEqual({ events: expected.length, communities: 5, members: 405 });
    expect(progress.at(-1)).toMatchObject({ events: expected.length, day: 10, days: 10 });
    // The first batch is all history (joins before the window), reported as day 0.
    expect(progress[0]!.day).toBe(0);
    for (let i = 1; i < progress.length; i++) {
      expect(progress[i]!.day).toBeGreaterThanOrEqual(progress[i - 1]!.day);
      expect(progress[i]!.estimated).toBeGreaterThanOrEqual(progress[i]!.events);
    }
  });

  it('stops at the first intake failure', async () => {
    let calls = 0;
    await expect(
      runSimulation(async () => {
        if (++calls === 2) throw new Error('database down');
      }, opts),
    ).rejects.toThrow('database down');
    expect(calls).toBe(2);
  });

  it('rejects nonsense options before ingesting anything', async () => {
    let calls = 0;
    await expect(runSimulation(async () => void calls++, { ...opts, communities: 0 })).rejects.toThrow(RangeError);
    expect(calls).toBe(0);
  });
});
