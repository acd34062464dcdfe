import { randomInt } from 'node:crypto';
import { one, sql } from '../../../db/client.js';
import { actorUserId, type TenantCtx } from '../../../core/context.js';
import { AppError, notFound } from '../../../core/errors.js';
import { getClaim, type Claim } from './list-claims.js';

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const DAY_MS = 86_400_000;

/** A short code to show on the coupon: no 0/O or 1/I to misread. */
export function couponCode(): string {
  let s = '';
  for (let i = 0; i < 10; i++) s += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return s;
}

export interface ClaimInput { memberId: string; idempotencyKey: string; source?: 'member' | 'operator' | 'message' }

/**
 * A member takes one unit of a coupon. Nothing is read and then written back:
 *  - the per-member limit is a unique slot (coupon, member, nth): the member's next slot is inserted, and a
 *    concurrent claim by the same member that took it first makes this insert wait and then do nothing,
 *    so the slot is counted again and the next one tried, until the limit refuses;
 *  - the total is a guarded increment (claimed < total_limit) of the coupon's counter, last, so a coupon
 *    that is all claimed rolls the slot back with it.
 * The same idempotency key answers the claim it made, with created false.
 */
export async function claimCoupon(ctx: TenantCtx, couponId: string, input: ClaimInput, now = new Date()): Promise<Claim & { created: boolean }> {
  const key = `claim:${input.idempotencyKey}`;
  const replay = async () => {
    const r = await one<{ id: string }>(ctx.db, sql`select id from coupon_claims where workspace_id = ${ctx.workspaceId} and idempotency_key = ${key}`);
    return r ? { ...(await getClaim(ctx, r.id)), created: false } : null;
  };
  const earlier = await replay();
  if (earlier) return earlier;
  const coupon = await one<{ enabled: boolean; perMemberLimit: number | null; validFrom: Date | null; validUntil: Date | null; validDays: number | null }>(ctx.db, sql`
    select enabled, per_member_limit as "perMemberLimit", valid_from as "validFrom", valid_until as "validUntil", valid_days as "validDays"
    from coupons where workspace_id = ${ctx.workspaceId} and id = ${couponId}`);
  if (!coupon) throw notFound('coupon');
  if (!coupon.enabled) throw new AppError('conflict', 'coupon: it is switched off', [{ path: 'couponId', message: 'the coupon is switched off' }]);
  const member = await one(ctx.db, sql`select 1 from members where workspace_id = ${ctx.workspaceId} and id = ${input.memberId}`);
  if (!member) throw notFound('member');
  const validFrom = coupon.validDays !== null ? now : coupon.validFrom!;
  const validUntil = coupon.validDays !== null ? new Date(now.getTime() + coupon.validDays * DAY_MS) : coupon.validUntil!;
  if (validUntil.getTime() <= now.getTime()) {
    throw new AppError('conflict', 'coupon: its validity is over', [{ path: 'validUntil', message: `ended at ${validUntil.toISOString()}` }]);
  }
  const limit = coupon.perMemberLimit;
  for (let attempt = 0; attempt < (limit ?? 0) + 10; attempt++) {
    const had = (await one<{ n: number }>(ctx.db, sql`
      select coalesce(max(seq), 0)::int as n from coupon_claims where workspace_id = ${ctx.workspaceId} and coupon_id = ${couponId} and member_id = ${input.memberId}`))!.n;
    if (limit !== null && had >= limit) {
      throw new AppError('conflict', `coupon: at most ${limit} per member`, [{ path: 'memberId', message: `the member has claimed it ${had} times, the limit is ${limit}` }]);
    }
    const inserted = await one<{ id: string }>(ctx.db, sql`
      insert into coupon_claims (workspace_id, coupon_id, member_id, seq, code, valid_from, valid_until, source, granted_by, idempotency_key)
      values (${ctx.workspaceId}, ${couponId}, ${input.memberId}, ${had + 1}, ${couponCode()}, ${validFrom.toISOString()}::timestamptz,
        ${validUntil.toISOString()}::timestamptz, ${input.source ?? 'member'}, ${actorUserId(ctx.actor)}::uuid, ${key})
      on conflict do nothing returning id`);
    if (!inserted) {
      // The same key claimed meanwhile (a double click), or the same member took this slot first: look again.
      const raced = await replay();
      if (raced) return raced;
      continue;
    }
    const taken = await one(ctx.db, sql`
      update coupons set claimed = claimed + 1, updated_at = now()
      where workspace_id = ${ctx.workspaceId} and id = ${couponId} and enabled and (total_limit is null or claimed < total_limit)
      returning id`);
    if (!taken) throw new AppError('conflict', 'coupon: all claimed', [{ path: 'couponId', message: 'every unit of this coupon has been claimed' }]);
    return { ...(await getClaim(ctx, inserted.id)), created: true };
  }
  throw new AppError('conflict', 'coupon: too many claims at once, try again', [{ path: 'memberId', message: 'try again' }]);
}
