/**
 * Wall-clock time in an IANA zone to an instant. Exports such as WhatsApp's write the phone's local time
 * with no offset; the importer is told the zone. Correct across DST changes: the offset is looked up for
 * the instant itself, then checked once more (the hour skipped in spring resolves forward).
 */
export function localToUtc(year: number, month: number, day: number, hour: number, minute: number, second: number, timeZone: string): Date {
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  const first = asUtc - offsetMs(asUtc, timeZone);
  const second_ = asUtc - offsetMs(first, timeZone);
  return new Date(second_);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset from UTC at an instant, in ms (Asia/Shanghai: +8 h). */
export function offsetMs(instant: number, timeZone: string): number {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(timeZone, f);
  }
  const parts: Record<string, number> = {};
  for (const p of f.formatToParts(new Date(instant))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  return wall - Math.floor(instant / 1000) * 1000;
}

/** Throws a clear error for a zone name Intl does not know. */
export function checkTimeZone(timeZone: string): string {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    throw new RangeError(`timezone: ${timeZone} is not an IANA time zone (e.g. Asia/Shanghai)`);
  }
  return timeZone;
}
