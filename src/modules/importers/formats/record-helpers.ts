import path from 'node:path';
import { localToUtc } from '../local-time.js';
import type { ImportedPerson, UnparsedRecord } from '../types.js';

/** Unparsed text is shown to operators, not stored whole: a runaway line must not bloat the import report. */
export function unparsed(line: number, text: string, reason: string, file?: string): UnparsedRecord {
  const rec: UnparsedRecord = { kind: 'unparsed', line, text: text.length > 200 ? text.slice(0, 200) : text, reason };
  if (file !== undefined) rec.file = file;
  return rec;
}

/** A person from a name and an optional id; the id key is left out rather than set to undefined. */
export function person(name: string, id?: string): ImportedPerson {
  return id ? { id, name } : { name };
}

/** The file name without folder and extension. */
export function baseName(file: string): string {
  return path.basename(file, path.extname(file));
}

/** Wall-clock fields that name a real moment (no 30 February, no 25 o'clock). */
export function validClock(y: number, mo: number, d: number, h: number, mi: number, s: number): boolean {
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

const hourOffsets = new Map<string, number | null>();

/**
 * localToUtc with the zone offset remembered per local hour: Intl lookups cost microseconds each, and an export
 * holds millions of timestamps in a few thousand hours. An hour whose two ends disagree (a DST change inside
 * it) is never cached, so every time in it still goes through localToUtc.
 */
export function wallClockToUtc(y: number, mo: number, d: number, h: number, mi: number, s: number, timeZone: string): Date {
  const key = `${timeZone} ${y} ${mo} ${d} ${h}`;
  let offset = hourOffsets.get(key);
  if (offset === undefined) {
    const start = localToUtc(y, mo, d, h, 0, 0, timeZone).getTime();
    const end = localToUtc(y, mo, d, h, 59, 59, timeZone).getTime();
    offset = end - start === 3_599_000 ? Date.UTC(y, mo - 1, d, h) - start : null;
    if (hourOffsets.size >= 4096) hourOffsets.clear();
    hourOffsets.set(key, offset);
  }
  if (offset === null) return localToUtc(y, mo, d, h, mi, s, timeZone);
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s) - offset);
}
