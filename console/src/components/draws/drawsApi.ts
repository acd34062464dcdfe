// Typed calls for /api/v1/draws and /draw-awards (docs/api.md, "Lucky draws").
import { apiRequest, LIFECYCLE_STAGES, SEGMENT_LEVELS, SEGMENT_ROLES, type Page, type PageQuery } from '../../api.js';

export type DrawStatus = 'draft' | 'open' | 'closed';
export type DrawUnit = 'draw' | 'day';
export type PrizeKind = 'points' | 'reward' | 'physical' | 'thanks';
export const PRIZE_KINDS: PrizeKind[] = ['physical', 'points', 'reward', 'thanks'];
export const DRAW_UNITS: DrawUnit[] = ['draw', 'day'];
export const MAX_PRIZES = 20;
/** The segments the server accepts (src/modules/analytics/segments.ts), in the order the console lists them. */
export const DRAW_SEGMENTS = [
  ...LIFECYCLE_STAGES.filter((s) => s !== 'left').map((s) => `lifecycle:${s}`),
  ...SEGMENT_ROLES.map((r) => `role:${r}`),
  ...SEGMENT_LEVELS.map((l) => `level:${l}`),
];

export interface PrizeInput { name: string; kind: PrizeKind; points: number | null; rewardId: string | null; weight: number; stock: number | null }
export interface Prize extends PrizeInput { id: string; position: number; initialStock: number | null; awarded: number }
export interface DrawInput {
  name: string; description: string; startsAt: string; endsAt: string; unit: DrawUnit; pointsCost: number; minCheckInDays: number;
  segment: string | null; prizes: PrizeInput[];
}
export interface Draw extends Omit<DrawInput, 'prizes'> {
  id: string; status: DrawStatus; commitment: string | null; seed: string | null; openedAt: string | null; closedAt: string | null;
  createdAt: string; updatedAt: string; entries: number; prizes: Prize[];
}
export interface DrawAttempt { prizes: { id: string; name: string; kind: string; weight: number }[]; total: number; roll: number; prizeId: string; taken: boolean }
export interface DrawEntry {
  id: string; drawId: string; memberId: string; memberName: string; unitKey: string; roll: number; prizeId: string; prizeName: string;
  prizeKind: PrizeKind; snapshot: DrawAttempt[]; pointsCost: number; spendEntryId: string | null; prizeEntryId: string | null;
  awardId: string | null; awardStatus: 'pending' | 'fulfilled' | null; createdAt: string; created?: boolean;
}

const enc = encodeURIComponent;
export const drawsApi = {
  list: (q: PageQuery & { status?: DrawStatus }) => apiRequest<Page<Draw>>('GET', '/draws', undefined, q),
  get: (id: string) => apiRequest<Draw>('GET', `/draws/${enc(id)}`),
  create: (body: DrawInput) => apiRequest<Draw>('POST', '/draws', body),
  update: (id: string, body: DrawInput) => apiRequest<Draw>('PUT', `/draws/${enc(id)}`, body),
  open: (id: string) => apiRequest<Draw>('POST', `/draws/${enc(id)}/open`),
  close: (id: string) => apiRequest<Draw>('POST', `/draws/${enc(id)}/close`),
  entries: (id: string, q: PageQuery & { memberId?: string }) => apiRequest<Page<DrawEntry>>('GET', `/draws/${enc(id)}/entries`, undefined, q),
  drawFor: (id: string, body: { memberId: string; idempotencyKey: string }) => apiRequest<DrawEntry>('POST', `/draws/${enc(id)}/draw`, body),
  fulfil: (awardId: string) => apiRequest<{ id: string; status: string }>('POST', `/draw-awards/${enc(awardId)}/fulfil`),
};

/** A prize's chance among the prizes still in stock, as the picker computes it (weight over total weight). */
export function chances(prizes: { weight: number; stock: number | null }[]): number[] {
  const total = prizes.reduce((s, p) => s + (p.stock === 0 ? 0 : p.weight || 0), 0);
  return prizes.map((p) => (total && p.stock !== 0 ? (p.weight || 0) / total : 0));
}
