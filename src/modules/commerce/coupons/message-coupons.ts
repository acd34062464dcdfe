import { rows, sql, uuids } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import type { CouponVariable, VariableValues } from '../../automation/templates/variables.js';
import { claimCoupon } from './claim-coupon.js';

const idOf = (v: CouponVariable) => v.slice('coupon.'.length).toLowerCase();
/** How a coupon reads in a message: its name and the member's code. */
export const couponText = (name: string, code: string) => `${name}（${code}）`;
const HIDDEN_CODE = '••••••••••';

/**
 * The values of a private send's {{coupon.<id>}} variables: each coupon claimed for the member, under a key
 * made of the send's idempotency key, so a retried send claims once. The claims run in a savepoint: a claim
 * refused (all claimed, over the member's limit, switched off, over) leaves nothing behind, and the send is
 * refused with that reason rather than going out without the coupon it promises.
 */
export async function claimMessageCoupons(ctx: TenantCtx, variables: CouponVariable[], memberId: string, sendKey: string): Promise<VariableValues> {
  if (!variables.length) return {};
  return ctx.db.transaction(async (tx) => {
    const inner = { ...ctx, db: tx as unknown as TenantCtx['db'] };
    const values: VariableValues = {};
    for (const v of variables) {
      const claim = await claimCoupon(inner, idOf(v), { memberId, idempotencyKey: `message:${sendKey}:${idOf(v)}`, source: 'message' });
      values[v] = couponText(claim.couponName, claim.code);
    }
    return values;
  });
}

/** What a preview shows for coupon variables: the coupon's name with the code hidden (it is made on sending). */
export async function previewMessageCoupons(ctx: TenantCtx, variables: CouponVariable[]): Promise<VariableValues> {
  if (!variables.length) return {};
  const found = await rows<{ id: string; name: string }>(ctx.db, sql`
    select id::text, name from coupons where workspace_id = ${ctx.workspaceId} and id = any(${uuids(variables.map(idOf))})`);
  const values: VariableValues = {};
  for (const v of variables) {
    const c = found.find((f) => f.id === idOf(v));
    if (c) values[v] = couponText(c.name, HIDDEN_CODE);
  }
  return values;
}
