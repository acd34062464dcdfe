import type { TenantCtx } from '../../core/context.js';
import type { Page, PageQuery } from '../../core/pagination.js';
import { pointsBalance } from '../loyalty/points/points-balance.js';
import { listRedemptions } from '../loyalty/rewards/get-redemption.js';
import { listRewards } from '../loyalty/rewards/list-rewards.js';
import { redeemReward } from '../loyalty/rewards/redeem-reward.js';
import type { MemberReward } from './contracts.js';

/** Most rewards a catalogue page shows; a points mall is a short list. */
export const CATALOGUE_LIMIT = 200;

/**
 * The rewards a member can redeem: the enabled ones, cheapest first. The loyalty module lists enabled
 * rewards before switched-off ones, so reading stops at the first switched-off reward.
 */
export async function memberCatalogue(ctx: TenantCtx, memberId: string): Promise<{ items: MemberReward[]; balance: number }> {
  const items: MemberReward[] = [];
  for (let page = 1; items.length < CATALOGUE_LIMIT; page++) {
    const found = await listRewards(ctx, { page, pageSize: 100 });
    const enabled = found.items.filter((r) => r.enabled);
    items.push(...enabled.map((r) => ({ id: r.id, name: r.name, description: r.description, kind: r.kind, costPoints: r.costPoints, stock: r.stock, perMemberLimit: r.perMemberLimit })));
    if (enabled.length < found.items.length || page * found.pageSize >= found.total) break;
  }
  return { items: items.slice(0, CATALOGUE_LIMIT), balance: await pointsBalance(ctx, memberId) };
}

/**
 * The member redeems a reward for themselves. Their key is namespaced by their member id, so one member's
 * key can never replay (and so reveal) another member's redemption.
 */
export async function redeemAsMember(ctx: TenantCtx, memberId: string, rewardId: string, input: { idempotencyKey: string }) {
  const { created, ...redemption } = await redeemReward(ctx, rewardId, { memberId, idempotencyKey: `member:${memberId}:${input.idempotencyKey}` });
  return { redemption: withoutMember(redemption), created, balance: await pointsBalance(ctx, memberId) };
}

function withoutMember<T extends { memberId: string; memberName: string }>(r: T): Omit<T, 'memberId' | 'memberName'> {
  const { memberId: _id, memberName: _name, ...rest } = r;
  return rest;
}

/** The member's own redemptions, newest first. */
export async function memberRedemptions(ctx: TenantCtx, memberId: string, q: PageQuery) {
  const page = await listRedemptions(ctx, { ...q, memberId });
  return { ...page, items: page.items.map(withoutMember) } satisfies Page<unknown>;
}
