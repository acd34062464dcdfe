// The member pages' shop, group-buy, flash-sale and order calls (/api/m, docs/member-pages.md). Amounts in cents.
import { call, type Page } from './api.js';

export interface ShopSku { id: string; name: string; priceCents: number; currency: string; stock: number }
export interface ShopProduct { id: string; name: string; description: string; skus: ShopSku[] }
export interface Quote { subtotalCents: number; discountCents: number; payableCents: number; couponName: string | null }
export type OrderStatus = 'created' | 'paid' | 'fulfilled' | 'completed' | 'cancelled' | 'refund_requested' | 'refunded';
export interface MemberPayment { id: string; provider: string; amountCents: number; status: 'pending' | 'succeeded' | 'failed'; createdAt: string }
export interface MemberOrder {
  id: string; status: OrderStatus; currency: string; subtotalCents: number; discountCents: number; totalCents: number; paidCents: number; refundedCents: number;
  discounts: { source: string; amountCents: number }[];
  lines: { productName: string; skuName: string; unitPriceCents: number; quantity: number; lineCents: number }[];
  payments: MemberPayment[]; expiresAt: string; createdAt: string; paidAt: string | null; cancelledAt: string | null;
}
export interface Deal { id: string; name: string; productName: string; skuName: string; priceCents: number; groupPriceCents: number; groupSize: number; windowHours: number; validUntil: string | null }
export interface Group {
  id: string; dealId: string; dealName: string; productName: string; skuName: string; priceCents: number; groupPriceCents: number; size: number;
  status: 'open' | 'succeeded' | 'failed'; seatsTaken: number; paidCount: number; expiresAt: string; createdAt: string;
  members: { name: string; role: 'opener' | 'joiner'; paid: boolean; released: boolean; you: boolean }[];
  mine: { orderId: string; orderStatus: OrderStatus } | null;
}
export interface Seat { group: Group; orderId: string; created: boolean }
export interface Session {
  id: string; name: string; state: 'upcoming' | 'live'; startsAt: string; endsAt: string; perMemberLimit: number; bought: number;
  items: { skuId: string; productName: string; skuName: string; priceCents: number; salePriceCents: number; left: number }[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const param = (name: string) => {
  const v = new URLSearchParams(window.location.search).get(name);
  return v && UUID.test(v) ? v : undefined;
};
/** The group the page was opened from (`?c=<community id>` on the link), so an order counts for it. */
export const linkCommunity = () => param('c');
/** The group-buy group a share link (`/m/?group=<id>`) points at. */
export const sharedGroup = () => param('group');
/** A share link to a group: the page address with the group, never the member's token. */
export const groupShareLink = (groupId: string) => `${window.location.origin}${window.location.pathname}?group=${groupId}`;

const community = () => (linkCommunity() ? { communityId: linkCommunity() } : {});

export const shopApi = {
  products: () => call<{ items: ShopProduct[] }>('GET', '/products'),
  product: (id: string) => call<ShopProduct>('GET', `/products/${id}`),
  quote: (skuId: string, quantity: number, claimId?: string) =>
    call<Quote>('GET', `/checkout/quote?skuId=${skuId}&quantity=${quantity}${claimId ? `&claimId=${claimId}` : ''}`),
  buy: (b: { skuId: string; quantity: number; claimId?: string; idempotencyKey: string }) =>
    call<MemberOrder & { created: boolean }>('POST', '/orders', { ...b, ...community() }),
  orders: (page: number) => call<Page<MemberOrder>>('GET', `/orders?page=${page}&pageSize=10`),
  order: (id: string) => call<MemberOrder>('GET', `/orders/${id}`),
  pay: (id: string) => call<MemberPayment>('POST', `/orders/${id}/pay`, {}),
  sandboxPay: (id: string, paymentId: string) => call<{ kind: string }>('POST', `/orders/${id}/payments/${paymentId}/sandbox`, { outcome: 'succeeded' }),
  cancel: (id: string) => call<MemberOrder>('POST', `/orders/${id}/cancel`, {}),
  groupBuy: () => call<{ deals: Deal[]; groups: Group[] }>('GET', '/group-buy'),
  group: (id: string) => call<Group>('GET', `/group-buy/groups/${id}`),
  openGroup: (dealId: string, idempotencyKey: string) => call<Seat>('POST', `/group-buy/deals/${dealId}/groups`, { idempotencyKey, ...community() }),
  joinGroup: (groupId: string, idempotencyKey: string) => call<Seat>('POST', `/group-buy/groups/${groupId}/join`, { idempotencyKey, ...community() }),
  flashSales: () => call<{ items: Session[] }>('GET', '/flash-sales'),
  flashBuy: (sessionId: string, skuId: string, quantity: number, idempotencyKey: string) =>
    call<{ orderId: string; quantity: number; totalCents: number; created: boolean }>('POST', `/flash-sales/${sessionId}/buy`, { skuId, quantity, idempotencyKey }),
};

export const yuan = (cents: number) => `¥${(cents / 100).toFixed(2)}`;
