import type { Channel } from '../tracking/event-contract.js';
import { DAY_MS } from './china-time.js';
import { TYPE_MIX, traitsOf, type CommunityTraits } from './community-traits.js';
import { BRANDS, SUBTYPES, communityName, hostName, memberName, type CommunityType } from './names.js';
import { Memberships } from './memberships.js';
import type { ResolvedOptions } from './options.js';
import { RecentMessages } from './recent-messages.js';
import { CumulativeTable, Rng } from './rng.js';

export interface CommunityRef {
  channel: Channel;
  externalId: string;
  name: string;
  type: CommunityType;
  subtype: string;
}
export interface MemberRef {
  channel: Channel;
  externalId: string;
  name: string;
}

/** One simulated group: fixed traits from the seed plus the small amount of state a day needs. */
export interface Community {
  index: number;
  /** Shared by every event of the group; treat as read-only. */
  ref: CommunityRef;
  traits: CommunityTraits;
  createdAtMs: number;
  liveliness: number;
  host: number;
  hostMembership: number;
  /** Day numbers (0-based) on which a campaign runs. */
  campaignDays: number[];
  isCampaignDay: Uint8Array;
  /** A QR live code routes newcomers of basic groups; others join by invites and links. */
  liveCode: string | undefined;
  /** Memberships present at the start of the current day, the host excluded. */
  present: number[];
  kolMemberships: number[];
  checkInMemberships: number[];
  recent: RecentMessages;
  /** Poster sharers of the running campaign, whose invites bring the join wave. */
  campaignId: string | null;
  sharers: number[];
  sharerWeights: number[];
  /** Until this day members leave faster (after an ad flood). */
  unrestUntilDay: number;
}

export interface World {
  opts: ResolvedOptions;
  communities: Community[];
  /** Customers first (0 .. members-1), then one host per community. */
  memberRefs: MemberRef[];
  memberIsKol: Uint8Array;
  memberships: Memberships;
}

const GROUP_CAPACITY = 500;

function activityOf(rng: Rng): { activity: number; kol: boolean } {
  // Most members never speak, a quarter now and then, the rest follow a heavy Pareto tail, plus a few KOLs.
  if (rng.chance(0.012)) return { activity: rng.lognormal(Math.log(30), 0.3), kol: true };
  const r = rng.float();
  if (r < 0.55) return { activity: 0, kol: false };
  if (r < 0.8) return { activity: rng.lognormal(Math.log(0.12), 0.5), kol: false };
  return { activity: Math.min(rng.pareto(1, 1.25), 40), kol: false };
}

function buildCommunities(rng: Rng, opts: ResolvedOptions, brand: string): Community[] {
  const numbers = new Map<string, number>();
  const patterns = new Map<string, string>();
  const out: Community[] = [];
  for (let c = 0; c < opts.communities; c++) {
    const type = rng.weightedPick(TYPE_MIX.map((t) => t.type), TYPE_MIX.map((t) => t.weight));
    const subtype = rng.pick(SUBTYPES[type]);
    const number = (numbers.get(subtype) ?? 0) + 1;
    numbers.set(subtype, number);
    const traits = traitsOf(type, subtype);
    const ageDays = subtype === '快闪群' ? rng.int(3, 15) : rng.int(20, 400);
    const isCampaignDay = new Uint8Array(opts.days + 1);
    const campaignDays: number[] = [];
    const campaigns = traits.daysPerCampaign > 0 ? rng.poisson(opts.days / traits.daysPerCampaign) : 0;
    for (let k = 0; k < campaigns; k++) isCampaignDay[rng.int(0, opts.days - 1)] = 1;
    for (let d = 0; d < opts.days; d++) if (isCampaignDay[d]) campaignDays.push(d);
    out.push({
      index: c,
      ref: { channel: opts.channel, externalId: `sim-g-${c + 1}`, name: communityName(rng, brand, subtype, number, patterns), type, subtype },
      traits,
      createdAtMs: opts.startMs - ageDays * DAY_MS + rng.int(9, 21) * 3_600_000,
      liveliness: rng.lognormal(0, 0.3),
      host: opts.members + c,
      hostMembership: -1,
      campaignDays,
      isCampaignDay,
      liveCode: type === 'basic' ? `${opts.idPrefix}-lc-${subtype}` : undefined,
      present: [],
      kolMemberships: [],
      checkInMemberships: [],
      recent: new RecentMessages(),
      campaignId: null,
      sharers: [],
      sharerWeights: [],
      unrestUntilDay: -1,
    });
  }
  return out;
}

function membershipCount(rng: Rng, communities: number): number {
  const r = rng.float();
  const k = r < 0.45 ? 1 : r < 0.78 ? 2 : r < 0.95 ? 3 : rng.int(4, 6);
  return Math.min(k, communities);
}

/** Day a window newcomer joins: most ride a campaign wave (the day itself or just after), the rest trickle in. */
function windowJoinDay(rng: Rng, community: Community, days: number): { day: number; wave: boolean } {
  if (community.campaignDays.length > 0 && rng.chance(0.55)) {
    const r = rng.float();
    const day = rng.pick(community.campaignDays) + (r < 0.7 ? 0 : r < 0.9 ? 1 : 2);
    return { day: Math.min(day, days - 1), wave: true };
  }
  return { day: rng.int(0, days - 1), wave: false };
}

/** Builds every group, member and membership from the seed. O(members + communities) memory. */
export function buildWorld(opts: ResolvedOptions): World {
  const rng = new Rng(opts.seed).fork(1);
  const brand = rng.pick(BRANDS);
  const communities = buildCommunities(rng, opts, brand);
  const memberships = new Memberships(Math.ceil(opts.members * 1.9) + opts.communities, opts.days);
  const memberRefs: MemberRef[] = [];
  const memberIsKol = new Uint8Array(opts.members + opts.communities);

  const sizeTable = new CumulativeTable();
  for (const c of communities) sizeTable.add(c.traits.size * rng.lognormal(0, 0.4));

  const chosen: number[] = [];
  const assigned = new Int32Array(communities.length);
  for (let i = 0; i < opts.members; i++) {
    memberRefs.push({ channel: opts.channel, externalId: `sim-u-${i + 1}`, name: memberName(rng) });
    const { activity, kol } = activityOf(rng);
    memberIsKol[i] = kol ? 1 : 0;
    const k = membershipCount(rng, communities.length);
    chosen.length = 0;
    for (let tries = 0; chosen.length < k && tries < 50; tries++) {
      const c = sizeTable.draw(rng);
      // WeChat groups hold 500 people; full groups are passed over unless every group is full.
      if (assigned[c]! >= GROUP_CAPACITY && tries < 40) continue;
      if (!chosen.includes(c)) chosen.push(c);
    }
    const habit = rng.chance(0.15);
    chosen.forEach((c, n) => {
      const community = communities[c]!;
      // People mostly talk in one "home" group and read the others.
      const weight = activity * rng.lognormal(0, 0.5) * (n === 0 ? 1.3 : 0.6);
      const m = memberships.add(i, c, weight);
      assigned[c]++;
      if (habit && n === 0) community.checkInMemberships.push(m);
      if (rng.chance(community.traits.initialShare)) {
        memberships.joinedAt[m] = Math.floor(community.createdAtMs + rng.float() * (opts.startMs - community.createdAtMs - 1));
        community.present.push(m);
      } else {
        const { day, wave } = windowJoinDay(rng, community, opts.days);
        memberships.scheduleJoin(m, day, wave ? 'wave' : 'trickle');
      }
    });
  }

  for (const c of communities) {
    memberRefs.push({ channel: opts.channel, externalId: `sim-host-${c.index + 1}`, name: hostName(rng, brand, c.ref.type) });
    c.hostMembership = memberships.add(c.host, c.index, 0);
    memberships.joinedAt[c.hostMembership] = c.createdAtMs;
  }
  assignKols(memberships, communities, memberIsKol);
  for (const c of communities) c.present.forEach((m, pos) => (memberships.listPos[m] = pos));
  return { opts, communities, memberRefs, memberIsKol, memberships };
}

/** Every group gets at least one KOL: its most active member is promoted when chance gave it none. */
function assignKols(memberships: Memberships, communities: Community[], memberIsKol: Uint8Array): void {
  const best = new Int32Array(communities.length).fill(-1);
  const hasKol = new Uint8Array(communities.length);
  for (let m = 0; m < memberships.count; m++) {
    const c = memberships.community[m]!;
    if (memberIsKol[memberships.member[m]!]) hasKol[c] = 1;
    if (best[c]! < 0 || memberships.weight[m]! > memberships.weight[best[c]!]!) best[c] = m;
  }
  communities.forEach((c, i) => {
    const m = best[i]!;
    if (hasKol[i] || m < 0 || memberships.weight[m]! <= 0) return;
    memberIsKol[memberships.member[m]!] = 1;
    memberships.weight[m] = Math.max(memberships.weight[m]!, 20);
  });
  for (let m = 0; m < memberships.count; m++) {
    if (memberIsKol[memberships.member[m]!]) communities[memberships.community[m]!]!.kolMemberships.push(m);
  }
}
