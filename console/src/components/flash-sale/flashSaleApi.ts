// Typed calls for /api/v1/flash-sales (docs/api.md "Flash sales").
import { apiRequest, type Page, type PageQuery } from '../../api.js';

export type SessionState = 'upcoming' | 'live' | 'ended';
export interface FlashSaleItemInput { skuId: string; salePriceCents: number; saleStock: number }
export interface FlashSaleInput {
  name: string; startsAt: string; endsAt: string; perMemberLimit: number; enabled: boolean; bucketCount: number;
  items: FlashSaleItemInput[]; communityId: string | null; reminderText: string | null; remindMinutesBefore: number;
}
export interface FlashSaleItem extends FlashSaleItemInput { productName: string; skuName: string; priceCents: number; sold: number; left: number }
export interface FlashSale extends Omit<FlashSaleInput, 'items'> {
  id: string; state: SessionState; items: FlashSaleItem[]; remindedAt: string | null; reminderError: string | null; createdAt: string; updatedAt: string;
}
export interface FlashSaleStats {
  sessionId: string; sold: number; left: number; admitted: number; returned: number; refused: number;
  perSku: { skuId: string; sold: number; left: number; buckets: number[] }[];
}

const enc = encodeURIComponent;
export const flashSaleApi = {
  list: (q: PageQuery & { state?: SessionState }) => apiRequest<Page<FlashSale>>('GET', '/flash-sales', undefined, q),
  create: (body: FlashSaleInput) => apiRequest<FlashSale>('POST', '/flash-sales', body),
  update: (id: string, body: FlashSaleInput) => apiRequest<FlashSale>('PUT', `/flash-sales/${enc(id)}`, body),
  remove: (id: string) => apiRequest<{ ok: boolean }>('DELETE', `/flash-sales/${enc(id)}`),
  stats: (id: string) => apiRequest<FlashSaleStats>('GET', `/flash-sales/${enc(id)}/stats`),
};

/** A session as the API takes it back, from what the API answered (for the on/off switch). */
export const inputOf = (s: FlashSale, over: Partial<FlashSaleInput> = {}): FlashSaleInput => ({
  name: s.name, startsAt: s.startsAt, endsAt: s.endsAt, perMemberLimit: s.perMemberLimit, enabled: s.enabled, bucketCount: s.bucketCount,
  items: s.items.map((i) => ({ skuId: i.skuId, salePriceCents: i.salePriceCents, saleStock: i.saleStock })),
  communityId: s.communityId, reminderText: s.reminderText, remindMinutesBefore: s.remindMinutesBefore, ...over,
});
