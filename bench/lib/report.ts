import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface Row {
  driver: string;
  path: string;
  events: number;
  seconds: number;
  eventsPerSecond: number;
  /** events/s divided by the same driver's baseline events/s (1 = as fast as the plain INSERT). */
  ratioToBaseline: number | null;
  batchMs?: { p50: number; p95: number; max: number };
  /** CPU seconds during the pass: this process, and the PostgreSQL backends when the server is local. */
  cpuSeconds?: { process: number; server: number | null };
  /** Like ratioToBaseline but per CPU second: steadier than wall time when the machine is shared. */
  cpuRatioToBaseline?: number | null;
  /** False when the stored count did not match what was sent; the run then exits non-zero. */
  verified: boolean;
  note?: string;
}

export function machineInfo(): Record<string, unknown> {
  let commit: string | null = null;
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    // Not a git checkout (an unpacked release): the rest of the record still stands.
  }
  return {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    commit,
  };
}

export const cpuTotal = (r: Row) => (r.cpuSeconds ? r.cpuSeconds.process + (r.cpuSeconds.server ?? 0) : 0);

export function percentiles(ms: number[]): { p50: number; p95: number; max: number } {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { p50: round(at(0.5), 1), p95: round(at(0.95), 1), max: round(sorted[sorted.length - 1] ?? 0, 1) };
}

export const round = (n: number, digits = 0) => Math.round(n * 10 ** digits) / 10 ** digits;

export function printTable(rows: Row[], log: (line: string) => void): void {
  const header = ['driver', 'path', 'events', 'seconds', 'events/s', 'ratio', 'slowdown', 'cpu s', 'cpu ratio', 'batch p50 ms', 'check'];
  const cells = rows.map((r) => [
    r.driver,
    r.path,
    r.events.toLocaleString('en-US'),
    r.seconds.toFixed(2),
    Math.round(r.eventsPerSecond).toLocaleString('en-US'),
    r.ratioToBaseline === null ? '' : r.ratioToBaseline.toFixed(3),
    r.ratioToBaseline === null ? '' : `${(1 / r.ratioToBaseline).toFixed(1)}x`,
    r.cpuSeconds ? cpuTotal(r).toFixed(2) : '',
    r.cpuRatioToBaseline ? r.cpuRatioToBaseline.toFixed(3) : '',
    r.batchMs ? r.batchMs.p50.toFixed(1) : '',
    `${r.verified ? 'ok' : 'FAILED'}${r.note ? `: ${r.note}` : ''}`,
  ]);
  logTable(header, cells, new Set([2, 3, 4, 5, 6, 7, 8, 9]), log);
}

export function writeJson(file: string, value: unknown): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(value, null, 2) + '\n');
  return file;
}

/**
 * Logs a plain-text table: text columns left-aligned, the `numeric` ones right-aligned, so the eye can
 * compare magnitudes down a column.
 */
export function logTable(header: string[], cells: string[][], numeric: ReadonlySet<number>, log: (line: string) => void): void {
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((v, i) => (numeric.has(i) ? v.padStart(widths[i]!) : v.padEnd(widths[i]!))).join('  ').trimEnd();
  log(line(header));
  log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const c of cells) log(line(c));
}
