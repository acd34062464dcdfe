import type { Agenda } from './agenda.js';
import type { DayClock } from './china-time.js';
import type { EventSink } from './event-sink.js';
import type { CumulativeTable, Rng } from './rng.js';
import type { World } from './world.js';

export interface PendingRefund {
  membership: number;
  orderId: string;
  amountCents: number;
}

/** Order ids and refunds still to come. Refunds fall at most a week after the order, so few are pending. */
export class OrderBook {
  private counter = 0;
  private readonly refundsByDay = new Map<number, PendingRefund[]>();

  constructor(private readonly idPrefix: string) {}

  nextOrderId(): string {
    return `${this.idPrefix}-o${++this.counter}`;
  }

  scheduleRefund(day: number, refund: PendingRefund): void {
    const list = this.refundsByDay.get(day);
    if (list) list.push(refund);
    else this.refundsByDay.set(day, [refund]);
  }

  takeRefunds(day: number): PendingRefund[] {
    const list = this.refundsByDay.get(day) ?? [];
    this.refundsByDay.delete(day);
    return list;
  }
}

/** Everything one community-day works with; the buffers are reused across communities and days. */
export interface DayContext {
  world: World;
  rng: Rng;
  sink: EventSink;
  clock: DayClock;
  day: number;
  agenda: Agenda;
  /** Memberships that are in the community at some moment of the day (stayers, newcomers, leavers). */
  pool: number[];
  /** Talkativeness of each pool entry, to draw speakers. */
  speakers: CumulativeTable;
  /** Group size at the start of the day, the base for volumes. */
  presentAtStart: number;
  /** Product most talked about today (index into the community type's products). */
  topicProduct: number;
  orders: OrderBook;
}

/** A pool member present at instant t, drawn by talkativeness (weighted) or uniformly; -1 if none found. */
export function drawPresent(ctx: DayContext, t: number, weighted: boolean, exclude = -1): number {
  const { pool, rng, world } = ctx;
  if (pool.length === 0) return -1;
  // Joins and leaves are a small share of the pool, so a few redraws almost always succeed.
  for (let tries = 0; tries < 6; tries++) {
    const k = weighted ? ctx.speakers.draw(rng) : Math.floor(rng.float() * pool.length);
    if (k < 0) return -1;
    const m = pool[k]!;
    if (m !== exclude && world.memberships.isPresent(m, t)) return m;
  }
  return -1;
}
