import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { fileURLToPath } from 'node:url';
import type { ImportParser, ImportRecord, ImportSource } from '../types.js';

/** Test helpers shared by the parsers' tests. */
export const FIXTURES = fileURLToPath(new URL('../fixtures', import.meta.url));

export function sourceOf(p: string): ImportSource {
  return { path: p, isDirectory: fs.statSync(p).isDirectory() };
}

/** Records with `at` as ISO text, so expectations read like the export. */
export type Plain = Record<string, unknown>;
export async function collect(parser: ImportParser, p: string, timeZone = 'Asia/Shanghai', onBytes?: (n: number) => void): Promise<Plain[]> {
  const out: Plain[] = [];
  for await (const r of parser.parse(sourceOf(p), { timeZone, onBytes })) out.push(plain(r));
  return out;
}

export function plain(r: ImportRecord): Plain {
  return 'at' in r ? { ...r, at: r.at.toISOString() } : { ...r };
}

/** Every fixture of the other formats: each entry directly under fixtures/<format>/. */
export function otherFixtures(own: string[]): string[] {
  return fs.readdirSync(FIXTURES)
    .filter((f) => !own.includes(f))
    .flatMap((f) => fs.readdirSync(path.join(FIXTURES, f)).map((e) => path.join(FIXTURES, f, e)));
}

/**
 * Heap after a full collection. `--expose-gc` is switched on at run time so the test needs no special flags;
 * measuring after GC keeps garbage that V8 has not collected yet out of the number.
 */
let gc: (() => void) | undefined;
export function heapAfterGc(): number {
  if (!gc) {
    v8.setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  }
  gc();
  return process.memoryUsage().heapUsed;
}
