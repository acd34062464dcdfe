// Typed calls for /api/v1/distribution (docs/api.md), over the console's one request function (apiRequest in api.ts).
import { apiRequest, type Page, type PageQuery } from '../../api.js';

export type BindingRule = 'first_touch' | 'latest_touch';
export interface DistributionSettings {
  tier1Bps: number; tier2Bps: number; bindingRule: BindingRule; bindingDays: number; refundWindowDays: number;
  minWithdrawalCents: number; landingUrl: string | null;
}
export type DistributorStatus = 'pending' | 'approved' | 'rejected';
export interface Distributor {
  id: string; memberId: string; name: string; status: DistributorStatus; code: string | null; link: string | null;
  uplineId: string | null; uplineName: string | null; reason: string | null; note: string | null; appliedAt: string; decidedAt: string | null;
  frozenCents: number; availableCents: number; withdrawingCents: number; withdrawnCents: number; owedCents: number; customers: number; downline: number;
}
export interface Commission {
  id: string; distributorId: string; distributorName: string; orderId: string; tier: number; kind: 'commission' | 'reversal';
  amountCents: number; baseCents: number; rateBps: number; status: 'frozen' | 'available'; releaseAt: string; releasedAt: string | null;
  reversedCents: number; createdAt: string;
}
export type WithdrawalStatus = 'requested' | 'paid' | 'rejected';
export interface Withdrawal {
  id: string; distributorId: string; distributorName: string; amountCents: number; status: WithdrawalStatus; reason: string | null;
  requestedAt: string; decidedAt: string | null;
}
export interface Customer { memberId: string; name: string; code: string; boundAt: string; expiresAt: string | null; orders: number; paidCents: number }

/** Integer cents as yuan with two decimals (¥12.34). */
export const yuan = (cents: number) => `¥${(cents / 100).toFixed(2)}`;

const enc = encodeURIComponent;
export const distributionApi = {
  settings: () => apiRequest<DistributionSettings>('GET', '/distribution/settings'),
  saveSettings: (body: DistributionSettings) => apiRequest<DistributionSettings>('PUT', '/distribution/settings', body),
  distributors: (q: PageQuery & { status?: DistributorStatus; search?: string }) => apiRequest<Page<Distributor>>('GET', '/distribution/distributors', undefined, q),
  approve: (id: string) => apiRequest<Distributor>('POST', `/distribution/distributors/${enc(id)}/approve`),
  reject: (id: string, reason: string) => apiRequest<Distributor>('POST', `/distribution/distributors/${enc(id)}/reject`, { reason }),
  customers: (id: string, q: PageQuery) => apiRequest<Page<Customer>>('GET', `/distribution/distributors/${enc(id)}/customers`, undefined, q),
  commissions: (q: PageQuery & { status?: 'frozen' | 'available'; kind?: 'commission' | 'reversal'; orderId?: string; distributorId?: string }) =>
    apiRequest<Page<Commission>>('GET', '/distribution/commissions', undefined, q),
  withdrawals: (q: PageQuery & { status?: WithdrawalStatus }) => apiRequest<Page<Withdrawal>>('GET', '/distribution/withdrawals', undefined, q),
  requestWithdrawal: (distributorId: string, body: { amountCents: number; idempotencyKey: string }) =>
    apiRequest<Withdrawal>('POST', `/distribution/distributors/${enc(distributorId)}/withdrawals`, body),
  approveWithdrawal: (id: string) => apiRequest<Withdrawal>('POST', `/distribution/withdrawals/${enc(id)}/approve`),
  rejectWithdrawal: (id: string, reason: string) => apiRequest<Withdrawal>('POST', `/distribution/withdrawals/${enc(id)}/reject`, { reason }),
};
