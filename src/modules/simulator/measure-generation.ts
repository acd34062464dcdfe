/**
 * Measures generation alone (no intake): events, wall and CPU time, rate, heap.
 *   node --import tsx src/modules/simulator/measure-generation.ts [communities] [members] [days] [seed]
 */
import { estimateEvents, generateEvents } from './generate-events.js';

const [communities = 20, members = 3000, days = 60, seed = 1] = process.argv.slice(2).map(Number);
const opts = { communities, members, days, seed, now: new Date('2026-11-20T10:00:00Z') };

const heapBefore = process.memoryUsage().heapUsed;
const cpuBefore = process.cpuUsage();
const started = performance.now();
let events = 0;
let batches = 0;
let heapPeak = heapBefore;
const byType = new Map<string, number>();
for (const batch of generateEvents(opts)) {
  events += batch.length;
  for (const e of batch) byType.set(e.type, (byType.get(e.type) ?? 0) + 1);
  if (++batches % 100 === 0) heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
}
const wallMs = performance.now() - started;
const cpu = process.cpuUsage(cpuBefore);
const cpuMs = (cpu.user + cpu.system) / 1000;

console.log(
  JSON.stringify(
    {
      options: { communities, members, days, seed },
      events,
      estimated: estimateEvents(opts),
      wallMs: Math.round(wallMs),
      eventsPerSecond: Math.round((events / wallMs) * 1000),
      eventsPerCpuSecond: Math.round((events / cpuMs) * 1000),
      heapPeakGrowthMB: Math.round((heapPeak - heapBefore) / 2 ** 20),
      byType: Object.fromEntries([...byType].sort((a, b) => b[1] - a[1])),
    },
    null,
    2,
  ),
);
