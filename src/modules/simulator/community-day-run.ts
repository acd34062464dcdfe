import { Happening, HostPostKind, LeaveReason } from './agenda.js';
import { drawPresent, type DayContext } from './day-context.js';
import { hostText, productUrl, text, type MessageBody } from './message-text.js';
import { JoinVia } from './memberships.js';
import { MessageKind } from './recent-messages.js';
import { maybeReactions, ordinaryMessage, productOfTheMoment } from './speech.js';
import type { Community } from './world.js';

/** Runs a planned community-day in time order, writing its events into the day's sink. */
export function runCommunityDay(ctx: DayContext, c: Community): void {
  const { agenda } = ctx;
  const order = agenda.order();
  for (let i = 0; i < order.length; i++) {
    const k = order[i]!;
    const t = agenda.times[k]!;
    const a = agenda.a[k]!;
    const b = agenda.b[k]!;
    switch (agenda.kinds[k]) {
      case Happening.Message: ordinaryMessage(ctx, c, t); break;
      case Happening.Join: join(ctx, c, a, t); break;
      case Happening.Leave: leave(ctx, c, a, b, t); break;
      case Happening.HostPost: hostPost(ctx, c, b, t); break;
      case Happening.Welcome: welcome(ctx, c, agenda.groups[b]!, t); break;
      case Happening.Introduction: memberSays(ctx, c, a, t, text.introduction(ctx.rng), MessageKind.Greeting); break;
      case Happening.CheckIn: checkIn(ctx, c, a, t); break;
      case Happening.Spam: spam(ctx, c, a, b, t); break;
      case Happening.SpamWarning: spamWarning(ctx, c, a, t); break;
      case Happening.PosterShare: posterShare(ctx, c, t); break;
      case Happening.Order: placeOrder(ctx, c, t); break;
    }
  }
}

const ref = (ctx: DayContext, m: number) => ctx.world.memberRefs[ctx.world.memberships.member[m]!]!;

function join(ctx: DayContext, c: Community, m: number, t: number): void {
  const { rng, world } = ctx;
  const via = world.memberships.joinVia[m];
  const data: Record<string, unknown> = {};
  let campaignInviter = -1;
  if (via === JoinVia.Wave && c.sharers.length > 0 && rng.chance(0.7)) {
    // Fission: a few sharers bring most of the wave, so sharers are drawn by a heavy-tailed pull.
    const s = c.sharers[rng.weightedIndex(c.sharerWeights)]!;
    if (s !== m && world.memberships.isPresent(s, t)) campaignInviter = s;
  }
  const r = rng.float();
  const inviter = campaignInviter >= 0 ? campaignInviter : r < 0.25 || (via === JoinVia.Wave && r < 0.5) ? drawPresent(ctx, t, true, m) : -1;
  if (inviter >= 0) {
    data.scene = 'invite';
    data.inviter = ref(ctx, inviter).externalId;
  } else if (r < 0.7) {
    data.scene = 'qr_code';
    if (c.liveCode) data.liveCode = c.liveCode;
  } else {
    data.scene = r < 0.85 ? 'link' : r < 0.95 ? 'search' : 'added_by_staff';
  }
  ctx.sink.emit(t, 'member.joined', c.ref, ref(ctx, m), data);
  if (campaignInviter >= 0) {
    ctx.sink.emit(t, 'invite.accepted', c.ref, ref(ctx, m), { inviter: data.inviter, campaignId: c.campaignId });
  }
}

function leave(ctx: DayContext, c: Community, m: number, reason: number, t: number): void {
  ctx.sink.emit(t, 'member.left', c.ref, ref(ctx, m), { reason: reason === LeaveReason.Removed ? 'removed' : 'quit' });
}

/**
 * The host's message: remembered as a reply target, and links draw page views from readers.
 * kind null: not remembered, for a message dated after the agenda item being run (a picture following a
 * post), which a later item could otherwise answer before it was sent.
 */
function hostSays(ctx: DayContext, c: Community, t: number, body: MessageBody, kind: MessageKind | null, url?: string): void {
  const { rng, world, sink, clock } = ctx;
  const id = sink.emit(t, 'message.sent', c.ref, world.memberRefs[c.host]!, body as Record<string, unknown>);
  if (kind !== null) c.recent.add(id, c.hostMembership, kind, 2);
  maybeReactions(ctx, c, id, c.hostMembership, t, 0.08);
  if (!url) return;
  const views = rng.poisson(ctx.pool.length * (kind === MessageKind.HostPost ? 0.03 : 0.01));
  for (let k = 0; k < views; k++) {
    const at = clock.clamp(t + 1 + rng.exponential(40 * 60_000));
    const viewer = drawPresent(ctx, at, false);
    if (viewer >= 0) sink.emit(at, 'page.viewed', c.ref, ref(ctx, viewer), { url });
  }
}

function priceYuan(cents: number): string {
  return cents % 100 === 0 ? String(cents / 100) : (cents / 100).toFixed(cents % 10 === 0 ? 1 : 2);
}

function hostPost(ctx: DayContext, c: Community, kind: number, t: number): void {
  const { rng } = ctx;
  const product = productOfTheMoment(ctx, c);
  const price = priceYuan(rng.pick(c.traits.prices));
  const url = productUrl(product.index, c.ref.externalId);
  let body: string;
  let link: string | undefined = url;
  if (kind === HostPostKind.Morning) {
    body = hostText.morning(rng, product.name);
    link = undefined;
  } else if (kind === HostPostKind.Promotion) body = hostText.promotion(rng, c.ref.type, product.name, price, url);
  else if (kind === HostPostKind.Preheat) {
    body = hostText.preheat(product.name, price);
    link = undefined;
  } else if (kind === HostPostKind.CampaignStart) {
    link = `https://shop.example.com/campaign/${c.campaignId}`;
    body = hostText.campaignStart(product.name, link);
  } else body = hostText.saleStart(product.name, url);
  hostSays(ctx, c, t, { text: body }, MessageKind.HostPost, link && body.includes(link) ? link : undefined);
  // Product pushes usually come with a picture right after the text.
  if (kind !== HostPostKind.Morning && rng.chance(0.5)) hostSays(ctx, c, ctx.clock.clamp(t + 2_000), { mediaType: 'image' }, null);
}

function welcome(ctx: DayContext, c: Community, newcomers: number[], t: number): void {
  const present = newcomers.filter((m) => ctx.world.memberships.isPresent(m, t));
  if (present.length === 0) return;
  const refs = present.map((m) => ref(ctx, m));
  const body = { text: hostText.welcome(ctx.rng, refs.map((r) => r.name), c.ref.name), mentions: refs.map((r) => r.externalId) };
  hostSays(ctx, c, t, body, MessageKind.Greeting);
}

/** A member's own message outside the random chatter (introductions, keyword check-ins, ads). */
function memberSays(ctx: DayContext, c: Community, m: number, t: number, body: string | MessageBody, kind: MessageKind): boolean {
  if (!ctx.world.memberships.isPresent(m, t)) return false;
  const data = typeof body === 'string' ? { text: body } : body;
  const id = ctx.sink.emit(t, 'message.sent', c.ref, ref(ctx, m), data as Record<string, unknown>);
  c.recent.add(id, m, kind, kind === MessageKind.Spam ? 2 : 1);
  return true;
}

function checkIn(ctx: DayContext, c: Community, m: number, t: number): void {
  const { rng, world, day } = ctx;
  const ms = world.memberships;
  if (!ms.isPresent(m, t)) return;
  ms.checkInStreak[m] = ms.lastCheckInDay[m] === day - 1 ? ms.checkInStreak[m]! + 1 : 1;
  ms.lastCheckInDay[m] = day;
  // Talkers type the keyword into the chat; silent members press the button on the check-in page.
  const keyword = ms.weight[m]! > 0 && rng.chance(0.6);
  if (keyword) memberSays(ctx, c, m, t, text.checkIn(rng, ms.checkInStreak[m]!), MessageKind.CheckIn);
  ctx.sink.emit(t, 'member.checked_in', c.ref, ref(ctx, m), { source: keyword ? 'keyword' : 'button' });
}

function spam(ctx: DayContext, c: Community, m: number, n: number, t: number): void {
  const { rng } = ctx;
  const r = rng.float();
  const ad = text.spam(rng, c.index * 1000 + n);
  const body: MessageBody = r < 0.5 ? { text: ad } : r < 0.8 ? { text: ad, mediaType: 'link' } : { mediaType: 'image' };
  memberSays(ctx, c, m, t, body, MessageKind.Spam);
}

function spamWarning(ctx: DayContext, c: Community, m: number, t: number): void {
  if (!ctx.world.memberships.isPresent(m, t)) return;
  const spammer = ref(ctx, m);
  hostSays(ctx, c, t, { text: hostText.spamWarning(spammer.name), mentions: [spammer.externalId] }, MessageKind.HostPost);
}

function posterShare(ctx: DayContext, c: Community, t: number): void {
  const sharer = drawPresent(ctx, t, ctx.rng.chance(0.5));
  if (sharer < 0 || !c.campaignId) return;
  ctx.sink.emit(t, 'poster.shared', c.ref, ref(ctx, sharer), { campaignId: c.campaignId });
  c.sharers.push(sharer);
  c.sharerWeights.push(ctx.rng.pareto(1, 1.1));
}

function placeOrder(ctx: DayContext, c: Community, t: number): void {
  const { rng, sink, clock, day, world } = ctx;
  const buyer = drawPresent(ctx, t, rng.chance(0.4));
  if (buyer < 0) return;
  const product = productOfTheMoment(ctx, c);
  const viewedAt = clock.clamp(t - rng.int(60_000, 900_000));
  if (rng.chance(0.7) && world.memberships.isPresent(buyer, viewedAt)) {
    sink.emit(viewedAt, 'page.viewed', c.ref, ref(ctx, buyer), { url: productUrl(product.index, c.ref.externalId) });
  }
  const r = rng.float();
  const amountCents = rng.pick(c.traits.prices) * (r < 0.8 ? 1 : r < 0.95 ? 2 : 3);
  const orderId = ctx.orders.nextOrderId();
  sink.emit(t, 'order.paid', c.ref, ref(ctx, buyer), { orderId, amountCents, currency: 'CNY' });
  const refundDay = day + rng.int(1, 7);
  if (rng.chance(0.04) && refundDay < world.opts.days) {
    const partial = rng.chance(0.15);
    const refund = partial ? Math.round((amountCents * rng.range(0.3, 0.7)) / 100) * 100 : amountCents;
    ctx.orders.scheduleRefund(refundDay, { membership: buyer, orderId, amountCents: refund });
  }
}
