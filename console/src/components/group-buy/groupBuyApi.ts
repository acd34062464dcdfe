// Typed calls for /api/v1/group-buy (docs/api.md "Group-buy").
import { apiRequest, type Page, type PageQuery } from '../../api.js';
import type { OrderStatus } from '../commerce/commerceApi.js';

export interface DealInput {
  name: string; skuId: string; groupSize: number; windowHours: number; groupPriceCents: number; enabled: boolean;
  validFrom: string | null; validUntil: string | null;
}
export interface Deal extends DealInput {
  id: string; skuName: string; productName: string; skuPriceCents: number;
  groupsOpen: number; groupsSucceeded: number; groupsFailed: number; createdAt: string; updatedAt: string;
}
export type GroupStatus = 'open' | 'succeeded' | 'failed';
export const GROUP_STATUSES: GroupStatus[] = ['open', 'succeeded', 'failed'];
export type Settlement = 'refunded' | 'cancelled' | 'nothing';
export interface GroupMember {
  memberId: string; memberName: string | null; role: 'opener' | 'joiner'; orderId: string; orderStatus: OrderStatus;
  joinedAt: string; paidAt: string | null; releasedAt: string | null; settlement: Settlement | null; refundId: string | null; settledAt: string | null;
}
export interface Group {
  id: string; dealId: string; dealName: string; openerMemberId: string; size: number; groupPriceCents: number; status: GroupStatus;
  seatsTaken: number; paidCount: number; expiresAt: string; createdAt: string; succeededAt: string | null; failedAt: string | null; members: GroupMember[];
}
export interface Seat { group: Group; orderId: string; created: boolean }

const enc = encodeURIComponent;
export const groupBuyApi = {
  deals: (q: PageQuery) => apiRequest<Page<Deal>>('GET', '/group-buy/deals', undefined, q),
  createDeal: (body: DealInput) => apiRequest<Deal>('POST', '/group-buy/deals', body),
  updateDeal: (id: string, body: DealInput) => apiRequest<Deal>('PUT', `/group-buy/deals/${enc(id)}`, body),
  removeDeal: (id: string) => apiRequest<{ ok: boolean }>('DELETE', `/group-buy/deals/${enc(id)}`),
  groups: (q: PageQuery & { dealId?: string; status?: GroupStatus }) => apiRequest<Page<Group>>('GET', '/group-buy/groups', undefined, q),
  openGroup: (dealId: string, body: { memberId: string; idempotencyKey: string }) => apiRequest<Seat>('POST', `/group-buy/deals/${enc(dealId)}/groups`, body),
  joinGroup: (groupId: string, body: { memberId: string; idempotencyKey: string }) => apiRequest<Seat>('POST', `/group-buy/groups/${enc(groupId)}/members`, body),
};

/** A deal as the body of its PUT, for a change of one field (switching it on or off). */
export const dealBody = (d: Deal): DealInput => ({
  name: d.name, skuId: d.skuId, groupSize: d.groupSize, windowHours: d.windowHours, groupPriceCents: d.groupPriceCents, enabled: d.enabled,
  validFrom: d.validFrom, validUntil: d.validUntil,
});
