// Typed calls for /api/v1/fission-campaigns (docs/api.md), over the console's one request function (apiRequest in api.ts).
import { apiRequest, type Page, type PageQuery } from '../../api.js';

export type CampaignStatus = 'draft' | 'active' | 'ended';
export const CAMPAIGN_STATUSES: CampaignStatus[] = ['draft', 'active', 'ended'];
export type RewardKind = 'none' | 'points' | 'reward';
export const REWARD_KINDS: RewardKind[] = ['points', 'reward', 'none'];
export type RewardStatus = 'none' | 'paid' | 'out_of_stock' | 'refused';
/** The variables the server fills in progress messages (src/modules/growth/fission/contracts.ts). */
export const MESSAGE_VARIABLES = ['name', 'campaign', 'invitee', 'qualified', 'goal', 'remaining'];

export interface PosterArt { background: string; accent: string; title: string; subtitle: string }
export interface CampaignInput {
  name: string; status: CampaignStatus; startsAt: string | null; endsAt: string | null; liveCodeId: string; goal: number; holdHours: number;
  rewardKind: RewardKind; rewardPoints: number | null; rewardId: string | null; rewardCostCents: number | null; vipCommunityId: string | null;
  poster: PosterArt; messages: { progress: string; completed: string };
}
export interface Campaign extends CampaignInput {
  id: string; liveCodeName: string; rewardName: string | null; participants: number; qualified: number; completed: number; createdAt: string; updatedAt: string;
}
export interface Participant {
  id: string; memberId: string; memberName: string; source: string; joinedAt: string; qualified: number; pending: number; void: number; goal: number;
  completedAt: string | null; rewardStatus: RewardStatus; rewardNote: string | null; posters: number; shares: number;
}
export interface StatsDay { day: string; participants: number; posters: number; shares: number; scans: number; joins: number; qualified: number }
export interface CampaignStats {
  days: number; from: string;
  totals: {
    participants: number; postersGenerated: number; shares: number; scans: number; joins: number; qualified: number; pending: number; void: number;
    completed: number; kFactor: number | null; rewardCost: number; costUnit: 'points' | 'cents'; costPerQualified: number | null;
  };
  series: StatsDay[];
}

const enc = encodeURIComponent;
export const fissionApi = {
  list: (q: PageQuery) => apiRequest<Page<Campaign>>('GET', '/fission-campaigns', undefined, q),
  create: (body: CampaignInput) => apiRequest<Campaign>('POST', '/fission-campaigns', body),
  update: (id: string, body: CampaignInput) => apiRequest<Campaign>('PUT', `/fission-campaigns/${enc(id)}`, body),
  setStatus: (id: string, status: CampaignStatus) => apiRequest<Campaign>('PATCH', `/fission-campaigns/${enc(id)}`, { status }),
  remove: (id: string) => apiRequest<{ ok: boolean }>('DELETE', `/fission-campaigns/${enc(id)}`),
  participants: (id: string, q: PageQuery & { sort: 'recent' | 'qualified' }) =>
    apiRequest<Page<Participant>>('GET', `/fission-campaigns/${enc(id)}/participants`, undefined, q),
  enrol: (id: string, memberId: string) => apiRequest<Participant>('POST', `/fission-campaigns/${enc(id)}/participants`, { memberId }),
  stats: (id: string, days: number) => apiRequest<CampaignStats>('GET', `/fission-campaigns/${enc(id)}/stats`, undefined, { days }),
  /**
   * A plain link: the session cookie authorises the GET, so an <img> shows it. A preview counts as nothing in
   * the funnel; a download to hand to the member counts as a poster generated.
   */
  posterUrl: (id: string, memberId: string, record: 'none' | 'generated') =>
    `/api/v1/fission-campaigns/${enc(id)}/participants/${enc(memberId)}/poster.png?record=${record}`,
};
