// Typed calls for /api/v1/leaderboards (docs/api.md), over the console's one request function (apiRequest in api.ts).
import { apiRequest, type Page, type PageQuery } from '../../api.js';

export type Metric = 'points_earned' | 'check_in_days' | 'messages' | 'engagement';
export const METRICS: Metric[] = ['points_earned', 'check_in_days', 'messages', 'engagement'];
/** The server's limits (src/modules/growth/leaderboards/contracts.ts). */
export const MAX_TOP_N = 100;

export type PeriodInput = { kind: 'monthly' } | { kind: 'custom'; from: string; to: string };
export type ScopeInput = { kind: 'all' } | { kind: 'communities'; communityIds: string[] };
export interface LeaderboardInput {
  name: string; metric: Metric; period: PeriodInput; scope: ScopeInput; topN: number; rewards: number[];
  announcement: { communityId: string; text: string } | null; enabled: boolean;
}
export interface PeriodView { key: string; from: string; to: string; closesAt: string }
export interface Leaderboard {
  id: string; name: string; metric: Metric; period: PeriodInput;
  scope: { kind: 'all' } | { kind: 'communities'; communityIds: string[]; communities: { id: string; name: string }[] };
  topN: number; rewards: number[]; announcement: { communityId: string; communityName: string; text: string } | null;
  enabled: boolean; currentPeriod: PeriodView; settlements: number; createdAt: string; updatedAt: string;
}
export interface Standing { rank: number; memberId: string; name: string; score: number; reward: number }
export interface Standings extends Page<Standing> { period: PeriodView; settledAt: string | null }
export interface Settlement {
  id: string; period: string; from: string; to: string; metric: Metric; ranked: number; settledAt: string;
  winners: { rank: number; memberId: string; name: string; score: number; points: number }[];
  announcement: { actionId: string | null; status: string | null; error: string | null } | null;
}

const enc = encodeURIComponent;
export const leaderboardsApi = {
  list: (q: PageQuery) => apiRequest<Page<Leaderboard>>('GET', '/leaderboards', undefined, q),
  create: (body: LeaderboardInput) => apiRequest<Leaderboard>('POST', '/leaderboards', body),
  update: (id: string, body: LeaderboardInput) => apiRequest<Leaderboard>('PUT', `/leaderboards/${enc(id)}`, body),
  setEnabled: (id: string, enabled: boolean) => apiRequest<Leaderboard>('PATCH', `/leaderboards/${enc(id)}`, { enabled }),
  remove: (id: string) => apiRequest<{ ok: boolean }>('DELETE', `/leaderboards/${enc(id)}`),
  standings: (id: string, q: PageQuery & { period?: string }) => apiRequest<Standings>('GET', `/leaderboards/${enc(id)}/standings`, undefined, q),
  settlements: (id: string, q: PageQuery) => apiRequest<Page<Settlement>>('GET', `/leaderboards/${enc(id)}/settlements`, undefined, q),
};
