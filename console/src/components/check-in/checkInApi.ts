// Typed calls for /api/v1/check-in (docs/api.md), over the console's one request function (apiRequest in api.ts).
import { apiRequest, type Page, type PageQuery } from '../../api.js';

export type ResetPeriod = 'none' | 'weekly' | 'monthly';
export const RESET_PERIODS: ResetPeriod[] = ['none', 'weekly', 'monthly'];
export type CheckInSource = 'keyword' | 'button' | 'import' | 'event' | 'make_up';
/** The server's limits (src/modules/growth/check-in/contracts.ts). */
export const MAX_KEYWORDS = 20;
export const KEYWORD_MAX_LENGTH = 20;
export const MAX_MILESTONES = 20;

export interface Milestone { days: number; points: number; cards: number }
export interface CheckInSettings {
  enabled: boolean; keywords: string[]; resetPeriod: ResetPeriod; replyEnabled: boolean; milestones: Milestone[];
  makeUp: { perMonth: number; maxDaysBack: number };
}
export interface CheckInSettingsView {
  settings: CheckInSettings; defaults: CheckInSettings; timeZone: string; updatedAt: string | null; updatedBy: string | null;
  pointsRule: { points: number; dailyCap: number | null; enabled: boolean } | null;
}
export interface Calendar {
  enabled: boolean; member: { id: string; name: string }; month: string; today: string; timeZone: string; resetPeriod: ResetPeriod;
  days: { day: string; source: CheckInSource; points: number | null }[];
  checkedInToday: boolean; streak: number; totalDays: number; cards: number;
  makeUp: { perMonth: number; usedThisMonth: number; maxDaysBack: number; days: string[] };
  milestones: (Milestone & { reached: boolean })[];
}
export interface Daily { from: string; to: string; days: { day: string; checkIns: number; makeUps: number }[] }
export type LeaderboardOrder = 'streak' | 'days';
export interface Standing { rank: number; memberId: string; name: string; value: number; lastDay: string }
export interface CardEntry {
  id: string; delta: number; reason: 'milestone' | 'operator' | 'make_up'; note: string | null; checkInDay: string | null;
  createdBy: string | null; createdByName: string | null; createdAt: string;
}

const enc = encodeURIComponent;
export const checkInApi = {
  settings: () => apiRequest<CheckInSettingsView>('GET', '/check-in/settings'),
  saveSettings: (body: CheckInSettings) => apiRequest<CheckInSettingsView>('PUT', '/check-in/settings', body),
  daily: (q: { from?: string; to?: string }) => apiRequest<Daily>('GET', '/check-in/daily', undefined, q),
  leaderboard: (q: PageQuery & { by: LeaderboardOrder; from?: string; to?: string }) =>
    apiRequest<Page<Standing> & { from: string | null; to: string }>('GET', '/check-in/leaderboard', undefined, q),
  calendar: (memberId: string, month?: string) => apiRequest<Calendar>('GET', `/check-in/members/${enc(memberId)}`, undefined, { month }),
  cards: (memberId: string, q: PageQuery) => apiRequest<Page<CardEntry>>('GET', `/check-in/members/${enc(memberId)}/cards`, undefined, q),
  grantCards: (memberId: string, body: { count: number; note?: string; idempotencyKey: string }) =>
    apiRequest<{ id: string; created: boolean; balance: number }>('POST', `/check-in/members/${enc(memberId)}/cards`, body),
};
