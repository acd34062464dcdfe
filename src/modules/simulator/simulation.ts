import type { EventInput } from '../tracking/event-contract.js';
import { Agenda } from './agenda.js';
import { DayClock } from './china-time.js';
import { planCommunityDay } from './community-day-plan.js';
import { runCommunityDay } from './community-day-run.js';
import { OrderBook, type DayContext } from './day-context.js';
import { EventSink } from './event-sink.js';
import type { ResolvedOptions } from './options.js';
import { CumulativeTable, Rng } from './rng.js';
import { buildWorld, type Community, type World } from './world.js';

/**
 * The simulation as a sequence of chunks: first the history (joins of everyone already in the groups when
 * the window opens), then one chunk per day. Each chunk is complete and sorted by time, and chunks follow
 * each other in time, so concatenating them gives one ordered stream.
 */
export class Simulation {
  readonly world: World;
  private readonly ctx: DayContext;
  private readonly joinsByCommunity: number[][];

  constructor(opts: ResolvedOptions) {
    this.world = buildWorld(opts);
    this.ctx = {
      world: this.world,
      // Separate stream from the world's, so the groups and members do not depend on how days are drawn.
      rng: new Rng(opts.seed).fork(2),
      sink: new EventSink(opts.idPrefix),
      clock: new DayClock(opts.startMs, 0),
      day: 0,
      agenda: new Agenda(),
      pool: [],
      speakers: new CumulativeTable(),
      presentAtStart: 0,
      topicProduct: 0,
      orders: new OrderBook(opts.idPrefix),
    };
    this.joinsByCommunity = this.world.communities.map(() => []);
  }

  get days(): number {
    return this.world.opts.days;
  }

  /** Joins before the window: hosts open their groups, the early members arrive by codes, links and invites. */
  history(): EventInput[] {
    const { sink } = this.ctx;
    const ms = this.world.memberships;
    for (const c of this.world.communities) {
      const arrivals = [c.hostMembership, ...c.present].sort((x, y) => ms.joinedAt[x]! - ms.joinedAt[y]! || x - y);
      arrivals.forEach((m, i) => {
        const member = this.world.memberRefs[ms.member[m]!]!;
        if (m === c.hostMembership) {
          sink.emit(ms.joinedAt[m]!, 'member.joined', c.ref, member, { scene: 'added_by_staff', role: 'owner' });
          return;
        }
        sink.emit(ms.joinedAt[m]!, 'member.joined', c.ref, member, this.historicScene(c, arrivals, i));
      });
    }
    return sink.drain();
  }

  private historicScene(c: Community, arrivals: number[], i: number): Record<string, unknown> {
    const { rng } = this.ctx;
    const r = rng.float();
    if (r < 0.35) {
      const inviter = arrivals[rng.int(0, i - 1)]!;
      return { scene: 'invite', inviter: this.world.memberRefs[this.world.memberships.member[inviter]!]!.externalId };
    }
    if (r < 0.75) return c.liveCode ? { scene: 'qr_code', liveCode: c.liveCode } : { scene: 'qr_code' };
    return { scene: r < 0.9 ? 'link' : 'added_by_staff' };
  }

  /** Every event of window day d (0-based), sorted by time. Days must be asked for in order. */
  day(d: number): EventInput[] {
    const ctx = this.ctx;
    const ms = this.world.memberships;
    ctx.day = d;
    ctx.clock = new DayClock(this.world.opts.startMs, d);
    for (const list of this.joinsByCommunity) list.length = 0;
    for (const m of ms.takeJoins(d)) this.joinsByCommunity[ms.community[m]!]!.push(m);
    for (const c of this.world.communities) {
      planCommunityDay(ctx, c, this.joinsByCommunity[c.index]!);
      runCommunityDay(ctx, c);
    }
    for (const refund of ctx.orders.takeRefunds(d)) {
      const c = this.world.communities[ms.community[refund.membership]!]!;
      ctx.sink.emit(ctx.clock.sample(ctx.rng), 'order.refunded', c.ref, this.world.memberRefs[ms.member[refund.membership]!]!, {
        orderId: refund.orderId,
        amountCents: refund.amountCents,
        currency: 'CNY',
      });
    }
    return ctx.sink.drain();
  }
}
