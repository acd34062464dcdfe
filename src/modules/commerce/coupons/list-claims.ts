import type { z } from 'zod';
import { one, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';
import { paginate } from '../../../core/pagination.js';
import type { ClaimState, CouponKind, listClaimsSchema, memberClaimsQuerySchema } from './contracts.js';
import { CLAIM_COLUMNS, CLAIM_FROM, stateFilter } from './coupon-row.js';

export interface Claim {
  id: string; couponId: string; couponName: string; memberId: string; memberName: string; code: string;
  status: 'claimed' | 'used'; state: ClaimState; validFrom: Date; validUntil: Date; source: 'member' | 'operator' | 'message';
  orderId: string | null; usedAt: Date | null; createdAt: Date;
  kind: CouponKind; amountOffCents: number | null; percentOff: number | null; maxDiscountCents: number | null; minSpendCents: number;
}

export async function getClaim(ctx: TenantCtx, id: string): Promise<Claim> {
  const row = await one<Claim>(ctx.db, sql`select ${CLAIM_COLUMNS} from ${CLAIM_FROM} where k.workspace_id = ${ctx.workspaceId} and k.id = ${id}`);
  if (!row) throw notFound('coupon claim');
  return row;
}

/** One coupon's claims, newest first; the coupon must be the workspace's. */
export async function listCouponClaims(ctx: TenantCtx, couponId: string, q: z.infer<typeof listClaimsSchema>) {
  const coupon = await one(ctx.db, sql`select 1 from coupons where workspace_id = ${ctx.workspaceId} and id = ${couponId}`);
  if (!coupon) throw notFound('coupon');
  return listClaims(ctx, { ...q, couponId });
}

/**
 * Claims across coupons, newest first, by member and state: a member's coupons are
 * listClaims(ctx, { memberId, state: 'active' | 'used' | 'expired' }).
 */
export function listClaims(ctx: TenantCtx, q: z.infer<typeof memberClaimsQuerySchema>) {
  return paginate<Claim>(ctx.db, q, sql`
    select ${CLAIM_COLUMNS} from ${CLAIM_FROM} where k.workspace_id = ${ctx.workspaceId}
      ${q.memberId ? sql`and k.member_id = ${q.memberId}` : sql``} ${q.couponId ? sql`and k.coupon_id = ${q.couponId}` : sql``}
      ${stateFilter(q.state)}`,
  sql`"createdAt" desc, id desc`);
}
