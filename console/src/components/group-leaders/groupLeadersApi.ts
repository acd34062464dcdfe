// Typed calls for /api/v1/group-leaders (docs/api.md "Group leaders").
import { apiRequest, type Page, type PageQuery } from '../../api.js';
import type { OrderStatus } from '../commerce/commerceApi.js';

export type LeaderStatus = 'active' | 'suspended';
export interface LeaderTerms { commissionBps: number; pickupName: string; pickupAddress: string; pickupPhone: string; pickupHours: string; note: string }
export interface AppointInput extends LeaderTerms { memberId: string; communityId: string }
export interface Leader extends LeaderTerms {
  id: string; memberId: string; memberName: string | null; communityId: string; communityName: string; status: LeaderStatus;
  frozenCents: number; availableCents: number; reversedCents: number; orders: number; toHandOver: number;
  appointedAt: string; suspendedAt: string | null; updatedAt: string;
}
export type PickupFilter = 'waiting' | 'handed_over' | 'all';
export interface LeaderOrder {
  orderId: string; leaderId: string; buyerMemberId: string; buyerName: string | null; orderStatus: OrderStatus;
  paidCents: number; refundedCents: number; commissionBps: number; commissionCents: number; reversedCents: number;
  pickupName: string; pickupAddress: string; pickupPhone: string; pickupHours: string;
  lines: { productName: string; skuName: string; quantity: number }[];
  paidAt: string; handedOverAt: string | null; handedOverBy: string | null;
}

const enc = encodeURIComponent;
export const groupLeadersApi = {
  leaders: (q: PageQuery & { status?: LeaderStatus; communityId?: string }) => apiRequest<Page<Leader>>('GET', '/group-leaders', undefined, q),
  appoint: (body: AppointInput) => apiRequest<Leader>('POST', '/group-leaders', body),
  update: (id: string, body: LeaderTerms) => apiRequest<Leader>('PUT', `/group-leaders/${enc(id)}`, body),
  suspend: (id: string) => apiRequest<Leader>('POST', `/group-leaders/${enc(id)}/suspend`),
  reactivate: (id: string) => apiRequest<Leader>('POST', `/group-leaders/${enc(id)}/reactivate`),
  orders: (id: string, q: PageQuery & { pickup: PickupFilter }) => apiRequest<Page<LeaderOrder>>('GET', `/group-leaders/${enc(id)}/orders`, undefined, q),
  handOver: (id: string, orderId: string) => apiRequest<LeaderOrder>('POST', `/group-leaders/${enc(id)}/orders/${enc(orderId)}/hand-over`, {}),
};

/** Basis points as a percentage for people: 1250 → "12.5%". */
export const percent = (bps: number) => `${(bps / 100).toFixed(2).replace(/\.?0+$/, '')}%`;
