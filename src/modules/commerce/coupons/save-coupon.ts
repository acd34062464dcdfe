import { one, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { AppError, notFound } from '../../../core/errors.js';
import type { CouponInput } from './contracts.js';
import { getCoupon } from './list-coupons.js';

const columns = (input: CouponInput) => ({
  ...input,
  validFrom: input.validFrom === null ? null : new Date(input.validFrom).toISOString(),
  validUntil: input.validUntil === null ? null : new Date(input.validUntil).toISOString(),
});

export async function createCoupon(ctx: TenantCtx, input: CouponInput) {
  const c = columns(input);
  const row = await one<{ id: string }>(ctx.db, sql`
    insert into coupons (workspace_id, name, description, kind, amount_off_cents, percent_off, max_discount_cents, min_spend_cents,
      valid_from, valid_until, valid_days, total_limit, per_member_limit, enabled, return_on_cancel)
    values (${ctx.workspaceId}, ${c.name}, ${c.description}, ${c.kind}, ${c.amountOffCents}, ${c.percentOff}, ${c.maxDiscountCents}, ${c.minSpendCents},
      ${c.validFrom}::timestamptz, ${c.validUntil}::timestamptz, ${c.validDays}, ${c.totalLimit}, ${c.perMemberLimit}, ${c.enabled}, ${c.returnOnCancel})
    returning id`);
  return getCoupon(ctx, row!.id);
}

/**
 * Replaces a coupon. The total limit cannot go below the units already claimed. New terms apply to claims
 * not yet used; a claim keeps the validity window it was given when it was claimed.
 */
export async function updateCoupon(ctx: TenantCtx, id: string, input: CouponInput) {
  const c = columns(input);
  // Locked, so a claim cannot slip in between the check and the update.
  const current = await one<{ claimed: number }>(ctx.db, sql`select claimed from coupons where workspace_id = ${ctx.workspaceId} and id = ${id} for update`);
  if (!current) throw notFound('coupon');
  if (c.totalLimit !== null && c.totalLimit < current.claimed) {
    throw new AppError('conflict', `coupon: ${current.claimed} are claimed already`, [{ path: 'totalLimit', message: `must be at least ${current.claimed}, the units claimed already` }]);
  }
  await ctx.db.execute(sql`
    update coupons set name = ${c.name}, description = ${c.description}, kind = ${c.kind}, amount_off_cents = ${c.amountOffCents},
      percent_off = ${c.percentOff}, max_discount_cents = ${c.maxDiscountCents}, min_spend_cents = ${c.minSpendCents},
      valid_from = ${c.validFrom}::timestamptz, valid_until = ${c.validUntil}::timestamptz, valid_days = ${c.validDays},
      total_limit = ${c.totalLimit}, per_member_limit = ${c.perMemberLimit}, enabled = ${c.enabled}, return_on_cancel = ${c.returnOnCancel}, updated_at = now()
    where workspace_id = ${ctx.workspaceId} and id = ${id}`);
  return getCoupon(ctx, id);
}

/** Deletes a coupon nobody has claimed; one with claims is switched off instead, so its history stays. */
export async function deleteCoupon(ctx: TenantCtx, id: string): Promise<void> {
  const current = await one<{ claimed: number }>(ctx.db, sql`select claimed from coupons where workspace_id = ${ctx.workspaceId} and id = ${id} for update`);
  if (!current) throw notFound('coupon');
  const any = await one(ctx.db, sql`select 1 from coupon_claims where workspace_id = ${ctx.workspaceId} and coupon_id = ${id} limit 1`);
  if (any) throw new AppError('conflict', 'coupon: it has claims; switch it off instead', [{ path: 'enabled', message: 'members hold this coupon: switch it off instead of deleting it' }]);
  await ctx.db.execute(sql`delete from coupons where workspace_id = ${ctx.workspaceId} and id = ${id}`);
}
