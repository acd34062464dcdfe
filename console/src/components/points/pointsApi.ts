// Typed calls for /api/v1/points (docs/api.md), over the console's one request function (apiRequest in api.ts).
import { apiRequest, type Page, type PageQuery } from '../../api.js';

export type EarnActivity = 'check_in' | 'message' | 'invite' | 'order';
export const EARN_ACTIVITIES: EarnActivity[] = ['check_in', 'message', 'invite', 'order'];
export interface EarnRule { activity: EarnActivity; points: number; dailyCap: number | null; enabled: boolean }
export interface PointsSettings { expiryDays: number | null; rules: EarnRule[] }
export interface PointsAccount {
  memberId: string; name: string; balance: number; earned: number; spent: number; expired: number; expiringSoon: number; updatedAt: string;
}
export interface PointsEntry {
  id: string; amount: number; kind: 'earn' | 'spend' | 'expire'; reason: string; note: string | null; balanceAfter: number;
  createdAt: string; remaining: number | null; expiresAt: string | null;
}
export interface PointsSummary { accounts: number; outstanding: number; byReason: { kind: string; reason: string; points: number; entries: number }[] }
export interface Posting { entryId: string; amount: number; created: boolean; balance: number }

const enc = encodeURIComponent;
export const pointsApi = {
  settings: () => apiRequest<PointsSettings>('GET', '/points/settings'),
  saveSettings: (body: PointsSettings) => apiRequest<PointsSettings>('PUT', '/points/settings', body),
  summary: (days: number) => apiRequest<PointsSummary>('GET', '/points/summary', undefined, { days }),
  accounts: (q: PageQuery & { search?: string }) => apiRequest<Page<PointsAccount>>('GET', '/points/accounts', undefined, q),
  history: (memberId: string, q: PageQuery) =>
    apiRequest<Page<PointsEntry> & { balance: number; name: string }>('GET', `/points/members/${enc(memberId)}`, undefined, q),
  adjust: (memberId: string, body: { amount: number; note: string; idempotencyKey: string }) =>
    apiRequest<Posting>('POST', `/points/members/${enc(memberId)}/adjustments`, body),
};
