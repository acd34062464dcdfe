// Typed calls for /api/v1/rewards and /reward-redemptions (docs/api.md).
import { apiRequest, type Page, type PageQuery } from '../../api.js';

export type RewardKind = 'physical' | 'virtual' | 'coupon';
export const REWARD_KINDS: RewardKind[] = ['physical', 'virtual', 'coupon'];
export interface RewardInput { name: string; description: string; kind: RewardKind; costPoints: number; stock: number | null; perMemberLimit: number | null; enabled: boolean }
export interface Reward extends RewardInput { id: string; redeemed: number; createdAt: string; updatedAt: string }
export type RedemptionStatus = 'pending' | 'fulfilled' | 'cancelled';
export interface Redemption {
  id: string; rewardId: string; rewardName: string; memberId: string; memberName: string; costPoints: number;
  status: RedemptionStatus; createdAt: string; settledAt: string | null;
}

const enc = encodeURIComponent;
export const rewardsApi = {
  list: (q: PageQuery) => apiRequest<Page<Reward>>('GET', '/rewards', undefined, q),
  create: (body: RewardInput) => apiRequest<Reward>('POST', '/rewards', body),
  update: (id: string, body: RewardInput) => apiRequest<Reward>('PUT', `/rewards/${enc(id)}`, body),
  redeem: (id: string, body: { memberId: string; idempotencyKey: string }) => apiRequest<Redemption>('POST', `/rewards/${enc(id)}/redemptions`, body),
  redemptions: (q: PageQuery & { status?: RedemptionStatus }) => apiRequest<Page<Redemption>>('GET', '/reward-redemptions', undefined, q),
  settle: (id: string, verb: 'fulfil' | 'cancel') => apiRequest<Redemption>('POST', `/reward-redemptions/${enc(id)}/${verb}`),
};
