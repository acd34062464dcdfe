import { one, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';
import { paginate, type PageQuery } from '../../../core/pagination.js';
import type { CouponKind } from './contracts.js';
import { COUPON_COLUMNS } from './coupon-row.js';

export interface Coupon {
  id: string; name: string; description: string; kind: CouponKind; amountOffCents: number | null; percentOff: number | null;
  maxDiscountCents: number | null; minSpendCents: number; validFrom: Date | null; validUntil: Date | null; validDays: number | null;
  totalLimit: number | null; perMemberLimit: number | null; enabled: boolean; returnOnCancel: boolean;
  claimed: number; used: number; left: number | null; createdAt: Date; updatedAt: Date;
}

/** Coupons, enabled first, newest first. */
export function listCoupons(ctx: TenantCtx, q: PageQuery & { enabled?: boolean }) {
  return paginate<Coupon>(ctx.db, q, sql`
    select ${COUPON_COLUMNS} from coupons c where c.workspace_id = ${ctx.workspaceId}
      ${q.enabled === undefined ? sql`` : sql`and c.enabled = ${q.enabled}`}`,
  sql`enabled desc, "createdAt" desc, id`);
}

export async function getCoupon(ctx: TenantCtx, id: string): Promise<Coupon> {
  const row = await one<Coupon>(ctx.db, sql`select ${COUPON_COLUMNS} from coupons c where c.workspace_id = ${ctx.workspaceId} and c.id = ${id}`);
  if (!row) throw notFound('coupon');
  return row;
}
