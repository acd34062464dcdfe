import type { CommunityType } from './names.js';

/**
 * How each kind of group behaves, following operator practice (DESIGN.md): basic groups are big, weakly
 * tied and pushed hard, so they churn and get spammed; vip groups are small and chatty with dear orders;
 * distribution groups are working groups of resellers that quieten at weekends.
 */
export interface CommunityTraits {
  /** Relative share of members a group of this kind attracts. */
  size: number;
  /** Messages per present member per day, before liveliness and rhythm. */
  messagesPerMemberDay: number;
  /** Orders per present member per day on an ordinary day. */
  ordersPerMemberDay: number;
  /** Order amounts in cents (list prices as operators set them: 9.9, 19.9, 299 ...). */
  prices: number[];
  /** One campaign (fission drive, sale night) every this many days on average; 0 = never. */
  daysPerCampaign: number;
  /** Daily chance that a present member quits. */
  quitHazard: number;
  /** Daily chance that an advertiser floods the group. */
  spamChance: number;
  /** Share of a group's members who were already in it when the window starts. */
  initialShare: number;
  /** Relative activity fall per day (flash groups fade after their event). */
  decayPerDay: number;
  /** Chat volume by weekday, Monday first. */
  weekly: number[];
}

const LEISURE_WEEK = [1, 0.95, 0.95, 1, 1.05, 1.2, 1.15];
const WORK_WEEK = [1.1, 1.1, 1.05, 1.05, 1, 0.75, 0.7];
const FLAT_WEEK = [1, 1, 1, 1, 1, 1.05, 1.05];

const BASIC_PRICES = [990, 1990, 2990, 3990, 5900, 6990, 9900, 12900];

const BASIC: CommunityTraits = {
  size: 1.3,
  messagesPerMemberDay: 0.4,
  ordersPerMemberDay: 0.003,
  prices: BASIC_PRICES,
  daysPerCampaign: 15,
  quitHazard: 0.003,
  spamChance: 0.025,
  initialShare: 0.6,
  decayPerDay: 0.002,
  weekly: LEISURE_WEEK,
};

const TRAITS_BY_SUBTYPE: Record<string, CommunityTraits> = {
  福利群: BASIC,
  粉丝群: { ...BASIC, daysPerCampaign: 20, messagesPerMemberDay: 0.45 },
  秒杀群: { ...BASIC, daysPerCampaign: 8, ordersPerMemberDay: 0.006, quitHazard: 0.004 },
  快闪群: { ...BASIC, daysPerCampaign: 10, quitHazard: 0.008, initialShare: 0.4, decayPerDay: 0.015 },
  工具群: { ...BASIC, daysPerCampaign: 45, messagesPerMemberDay: 0.25, ordersPerMemberDay: 0.001, spamChance: 0.015 },
};

const VIP: CommunityTraits = {
  size: 0.5,
  messagesPerMemberDay: 0.65,
  ordersPerMemberDay: 0.008,
  prices: [19900, 29900, 49900, 69900, 99900, 168000],
  daysPerCampaign: 25,
  quitHazard: 0.001,
  spamChance: 0.004,
  initialShare: 0.75,
  decayPerDay: 0,
  weekly: FLAT_WEEK,
};

const DISTRIBUTION: CommunityTraits = {
  size: 0.9,
  messagesPerMemberDay: 0.5,
  ordersPerMemberDay: 0.006,
  prices: [3990, 9900, 19900, 39900, 69800],
  daysPerCampaign: 20,
  quitHazard: 0.0015,
  spamChance: 0.01,
  initialShare: 0.6,
  decayPerDay: 0,
  weekly: WORK_WEEK,
};

export function traitsOf(type: CommunityType, subtype: string): CommunityTraits {
  if (type === 'vip') return VIP;
  if (type === 'distribution') return DISTRIBUTION;
  return TRAITS_BY_SUBTYPE[subtype] ?? BASIC;
}

/** Share of groups of each type in a typical workspace: mostly basic groups. */
export const TYPE_MIX: { type: CommunityType; weight: number }[] = [
  { type: 'basic', weight: 0.55 },
  { type: 'vip', weight: 0.2 },
  { type: 'distribution', weight: 0.25 },
];
