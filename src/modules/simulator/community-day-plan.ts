import { Happening, HostPostKind, LeaveReason } from './agenda.js';
import { chinaWeekday } from './china-time.js';
import type { DayContext } from './day-context.js';
import { PRODUCTS } from './message-text.js';
import { JoinVia } from './memberships.js';
import type { Community } from './world.js';

/**
 * Decides what happens in one community on one day, before anything is written: who leaves and joins
 * (with exact instants, so presence at any moment of the day is known), how much is said, what the host
 * posts, who checks in and buys. Running the plan in time order is community-day-run.ts.
 */
export function planCommunityDay(ctx: DayContext, c: Community, joins: readonly number[]): void {
  const { rng, clock, day, agenda, pool, world } = ctx;
  const traits = c.traits;
  agenda.clear();
  pool.length = 0;
  ctx.speakers.reset();
  ctx.presentAtStart = c.present.length;
  ctx.topicProduct = rng.int(0, PRODUCTS[c.ref.type].length - 1);
  const campaignToday = c.isCampaignDay[day] === 1;
  const preheat = c.isCampaignDay[day + 1] === 1;
  if (campaignToday) {
    c.campaignId = `${world.opts.idPrefix}-camp-${c.index + 1}-${day + 1}`;
    c.sharers.length = 0;
    c.sharerWeights.length = 0;
  }

  planLeaves(ctx, c);
  planSpamFlood(ctx, c);
  planJoins(ctx, c, joins, campaignToday);
  for (const m of c.present) pool.push(m);
  for (const m of pool) ctx.speakers.add(world.memberships.weight[m]!);

  // Chat volume: group size x kind of group x the week's rhythm x campaign buzz x day-to-day mood.
  const size = Math.max(ctx.presentAtStart, pool.length / 2);
  const age = (clock.start - c.createdAtMs) / 86_400_000;
  const buzz = campaignToday ? 1.6 : preheat ? 1.2 : 1;
  const weekday = traits.weekly[chinaWeekday(clock.start + 12 * 3_600_000)]!;
  const messages = rng.poisson(
    size * traits.messagesPerMemberDay * c.liveliness * weekday * buzz * Math.exp(-traits.decayPerDay * age) * rng.lognormal(0, 0.25),
  );
  for (let k = 0; k < messages; k++) {
    // On a sale night a quarter of the talk crowds into the hour after 20:00.
    agenda.add(campaignToday && rng.chance(0.25) ? clock.between(rng, 20, 21.5) : clock.sample(rng), Happening.Message);
  }

  planHostPosts(ctx, c, campaignToday, preheat);
  if (c.campaignId && c.isCampaignDay[day] + c.isCampaignDay[Math.max(0, day - 1)]! > 0) {
    const shares = rng.poisson(pool.length * (campaignToday ? 0.04 : 0.015));
    for (let k = 0; k < shares; k++) agenda.add(clock.between(rng, 10.5, 23.5), Happening.PosterShare);
  }
  planCheckIns(ctx, c);
  const orders = rng.poisson(size * traits.ordersPerMemberDay * weekday * (campaignToday ? 4 : preheat ? 0.7 : 1));
  for (let k = 0; k < orders; k++) {
    agenda.add(campaignToday && rng.chance(0.6) ? clock.between(rng, 20, 21.5) : clock.sample(rng), Happening.Order);
  }
}

function removeFromPresent(c: Community, ctx: DayContext, m: number): void {
  const ms = ctx.world.memberships;
  const pos = ms.listPos[m]!;
  const last = c.present.pop()!;
  if (last !== m) {
    c.present[pos] = last;
    ms.listPos[last] = pos;
  }
  ms.listPos[m] = -1;
}

function planLeave(ctx: DayContext, c: Community, m: number, t: number, reason: number): void {
  const ms = ctx.world.memberships;
  removeFromPresent(c, ctx, m);
  ms.leftAt[m] = t;
  ctx.pool.push(m);
  ctx.agenda.add(t, Happening.Leave, m, reason);
  // Some who quit come back through a later code or invite; banned advertisers never do.
  if (reason === LeaveReason.Quit && ms.banned[m] === 0 && ctx.rng.chance(0.08)) {
    ms.scheduleJoin(m, ctx.day + ctx.rng.int(3, 20), 'rejoin');
  }
}

function planLeaves(ctx: DayContext, c: Community): void {
  const { rng, clock, world } = ctx;
  const weight = world.memberships.weight;
  const quits = rng.poisson(c.present.length * c.traits.quitHazard);
  for (let k = 0; k < quits && c.present.length > 0; k++) {
    const m = c.present[rng.int(0, c.present.length - 1)]!;
    // Members who talk have a reason to stay; most who quit are the silent ones.
    if (weight[m]! > 1 && rng.chance(0.6)) continue;
    planLeave(ctx, c, m, clock.sample(rng), rng.chance(0.04) ? LeaveReason.Removed : LeaveReason.Quit);
  }
  if (c.unrestUntilDay >= ctx.day) {
    // After an ad flood the lurkers who only tolerated the group mute it or walk out.
    const unrest = rng.poisson(c.present.length * 0.03);
    for (let k = 0; k < unrest && c.present.length > 0; k++) {
      const m = c.present[rng.int(0, c.present.length - 1)]!;
      if (weight[m]! < 0.5) planLeave(ctx, c, m, clock.sample(rng), LeaveReason.Quit);
    }
  }
}

function planSpamFlood(ctx: DayContext, c: Community): void {
  const { rng, clock, world, agenda } = ctx;
  if (c.present.length < 10 || !rng.chance(c.traits.spamChance)) return;
  const m = c.present[rng.int(0, c.present.length - 1)]!;
  if (world.memberIsKol[world.memberships.member[m]!]) return;
  let t = clock.between(rng, 9, 22.5);
  const count = rng.int(6, 18);
  for (let k = 0; k < count; k++) {
    agenda.add(clock.clamp(t), Happening.Spam, m, k);
    t += rng.int(5_000, 40_000);
  }
  const warnAt = clock.clamp(t + rng.int(60_000, 600_000));
  agenda.add(warnAt, Happening.SpamWarning, m);
  world.memberships.banned[m] = 1;
  planLeave(ctx, c, m, clock.clamp(warnAt + 1_000), LeaveReason.Removed);
  c.unrestUntilDay = ctx.day + 2;
}

function planJoins(ctx: DayContext, c: Community, joins: readonly number[], campaignToday: boolean): void {
  const { rng, clock, world, agenda } = ctx;
  const ms = world.memberships;
  const arrivals: { t: number; m: number }[] = [];
  for (const m of joins) {
    // Wave joins follow the campaign announcement in the morning; others come at any waking hour.
    const t = ms.joinVia[m] === JoinVia.Wave && campaignToday ? clock.between(rng, 10.5, 23.5) : clock.sample(rng);
    ms.joinedAt[m] = t;
    ms.leftAt[m] = Infinity;
    ms.listPos[m] = c.present.length;
    c.present.push(m);
    agenda.add(t, Happening.Join, m);
    arrivals.push({ t, m });
    if (ms.weight[m]! > 0 && rng.chance(0.35)) agenda.add(clock.clamp(t + rng.int(30_000, 1_200_000)), Happening.Introduction, m);
  }
  // The host greets newcomers in batches: everyone who arrived within half an hour gets one welcome.
  arrivals.sort((x, y) => x.t - y.t);
  let batch: number[] = [];
  for (let i = 0; i < arrivals.length; i++) {
    batch.push(arrivals[i]!.m);
    const next = arrivals[i + 1];
    if (!next || next.t - arrivals[i]!.t > 1_800_000 || batch.length === 8) {
      if (rng.chance(0.85)) agenda.addGroup(clock.clamp(arrivals[i]!.t + rng.int(60_000, 300_000)), Happening.Welcome, batch);
      batch = [];
    }
  }
}

function planHostPosts(ctx: DayContext, c: Community, campaignToday: boolean, preheat: boolean): void {
  const { rng, clock, agenda } = ctx;
  if (rng.chance(0.7)) agenda.add(clock.between(rng, 7.5, 9), Happening.HostPost, -1, HostPostKind.Morning);
  const type = c.ref.type;
  const promotions = type === 'vip' ? rng.int(0, 1) : type === 'distribution' ? rng.int(1, 2) : rng.int(1, 3);
  const slots: [number, number][] = [[11.5, 12.5], [19.5, 20.5], [15, 16]];
  for (let k = 0; k < promotions; k++) {
    const [from, to] = slots[k]!;
    agenda.add(clock.between(rng, from, to), Happening.HostPost, -1, HostPostKind.Promotion);
  }
  if (preheat) agenda.add(clock.between(rng, 19, 21), Happening.HostPost, -1, HostPostKind.Preheat);
  if (campaignToday) {
    agenda.add(clock.between(rng, 9.5, 10.5), Happening.HostPost, -1, HostPostKind.CampaignStart);
    agenda.add(clock.atChinaTime(20 * 3_600_000 + rng.int(0, 20_000)), Happening.HostPost, -1, HostPostKind.SaleStart);
  }
}

function planCheckIns(ctx: DayContext, c: Community): void {
  const { rng, clock, day, agenda, world } = ctx;
  const ms = world.memberships;
  for (const m of c.checkInMemberships) {
    if (ms.joinedAt[m]! >= clock.end || ms.leftAt[m]! <= clock.start) continue;
    // Streaks: whoever checked in yesterday very likely does again; others restart now and then.
    if (rng.chance(ms.lastCheckInDay[m] === day - 1 ? 0.82 : 0.25)) agenda.add(clock.sample(rng, 'checkIn'), Happening.CheckIn, m);
  }
}
