import type { EventInput, EventType } from '../tracking/event-contract.js';
import type { CommunityRef, MemberRef } from './world.js';

const DAY_MS = 86_400_000;
const TWO_DIGITS = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));
const THREE_DIGITS = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));

/**
 * Date.prototype.toISOString costs about a microsecond, the largest single cost of an event; this gives
 * the same string several times faster by reusing the date part, which changes only once per UTC day.
 */
export class IsoFormatter {
  private day = NaN;
  private datePart = '';

  format(ms: number): string {
    const day = Math.floor(ms / DAY_MS);
    if (day !== this.day) {
      this.day = day;
      this.datePart = new Date(day * DAY_MS).toISOString().slice(0, 11);
    }
    let rest = ms - day * DAY_MS;
    const hours = Math.floor(rest / 3_600_000);
    rest -= hours * 3_600_000;
    const minutes = Math.floor(rest / 60_000);
    rest -= minutes * 60_000;
    const seconds = Math.floor(rest / 1000);
    const millis = Math.floor(rest - seconds * 1000);
    const iso = this.datePart + TWO_DIGITS[hours] + ':' + TWO_DIGITS[minutes] + ':' + TWO_DIGITS[seconds] + '.' + THREE_DIGITS[millis] + 'Z';
    // Concatenation leaves a chain of eight rope nodes (about 260 bytes) that would live as long as the
    // event; reading a character makes V8 flatten it into one 50-byte string, and the chain dies young.
    iso.charCodeAt(0);
    return iso;
  }
}

const TIE_BITS = 2 ** 26;
const RANGE_LIMIT = 2 ** 27;

/**
 * Order of items by time, ties kept in insertion order (a reply is generated after the message it
 * answers, so stable order keeps it after even at the same millisecond).
 * Fast path: time and index packed into one double and sorted natively, which is several times faster
 * than a comparator; it needs the time span under ~37 hours, true for a simulated day.
 */
export function timeOrder(times: readonly number[]): Uint32Array | number[] {
  const n = times.length;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const t = times[i]!;
    if (t < min) min = t;
    if (t > max) max = t;
  }
  if (n < TIE_BITS && max - min < RANGE_LIMIT) {
    const keys = new Float64Array(n);
    for (let i = 0; i < n; i++) keys[i] = (times[i]! - min) * TIE_BITS + i;
    keys.sort();
    const order = new Uint32Array(n);
    for (let i = 0; i < n; i++) order[i] = keys[i]! % TIE_BITS;
    return order;
  }
  const order = Array.from({ length: n }, (_, i) => i);
  return order.sort((a, b) => times[a]! - times[b]! || a - b);
}

/**
 * Collects the events of one simulated day (or of the pre-window history) and hands them back sorted.
 * Ids come from one counter for the whole run, so they are stable for a given seed and options.
 */
export class EventSink {
  private events: EventInput[] = [];
  private times: number[] = [];
  private counter = 0;
  private readonly iso = new IsoFormatter();

  constructor(private readonly idPrefix: string) {}

  get size(): number {
    return this.events.length;
  }

  /** Records an event at instant t (integer ms) and returns its id. */
  emit(t: number, type: EventType, community: CommunityRef | undefined, member: MemberRef, data: Record<string, unknown>): string {
    const id = `${this.idPrefix}-${++this.counter}`;
    const occurredAt = this.iso.format(t);
    this.events.push(community ? { id, type, occurredAt, community, member, data } : { id, type, occurredAt, member, data });
    this.times.push(t);
    return id;
  }

  /** The collected events in time order; the sink is empty afterwards. */
  drain(): EventInput[] {
    const order = timeOrder(this.times);
    const sorted: EventInput[] = new Array(order.length);
    for (let i = 0; i < order.length; i++) sorted[i] = this.events[order[i]!]!;
    this.events = [];
    this.times = [];
    return sorted;
  }
}
