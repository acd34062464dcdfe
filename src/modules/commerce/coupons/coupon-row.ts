import { sql } from '../../../db/client.js';

/** A coupon's columns as the API answers them, with its numbers: claimed, used now, and left to claim. */
export const COUPON_COLUMNS = sql`c.id, c.name, c.description, c.kind, c.amount_off_cents as "amountOffCents", c.percent_off as "percentOff",
  c.max_discount_cents as "maxDiscountCents", c.min_spend_cents as "minSpendCents", c.valid_from as "validFrom", c.valid_until as "validUntil",
  c.valid_days as "validDays", c.total_limit as "totalLimit", c.per_member_limit as "perMemberLimit", c.enabled, c.return_on_cancel as "returnOnCancel",
  c.claimed, (select count(*)::int from coupon_claims x where x.workspace_id = c.workspace_id and x.coupon_id = c.id and x.status = 'used') as used,
  case when c.total_limit is null then null else c.total_limit - c.claimed end as "left",
  c.created_at as "createdAt", c.updated_at as "updatedAt"`;

/** A claim's columns, with the state it is in at the moment of the query and its coupon's terms. */
export const CLAIM_COLUMNS = sql`k.id, k.coupon_id as "couponId", c.name as "couponName", k.member_id as "memberId", m.display_name as "memberName",
  k.code, k.status, case when k.status = 'used' then 'used' when k.valid_until <= now() then 'expired' else 'active' end as state,
  k.valid_from as "validFrom", k.valid_until as "validUntil", k.source, k.used_order_id as "orderId", k.used_at as "usedAt", k.created_at as "createdAt",
  c.kind, c.amount_off_cents as "amountOffCents", c.percent_off as "percentOff", c.max_discount_cents as "maxDiscountCents", c.min_spend_cents as "minSpendCents"`;

export const CLAIM_FROM = sql`coupon_claims k
  join coupons c on c.workspace_id = k.workspace_id and c.id = k.coupon_id
  join members m on m.workspace_id = k.workspace_id and m.id = k.member_id`;

/** The state filter of a claims list. */
export const stateFilter = (state: 'active' | 'used' | 'expired' | undefined) =>
  state === 'used' ? sql`and k.status = 'used'`
    : state === 'expired' ? sql`and k.status = 'claimed' and k.valid_until <= now()`
      : state === 'active' ? sql`and k.status = 'claimed' and k.valid_until > now()` : sql``;
