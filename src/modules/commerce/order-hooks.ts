import type { TenantCtx } from '../../core/context.js';
import { recordGroupBuyPayment, releaseGroupBuySeat } from './group-buy/record-payment.js';
import { returnFlashSaleUnits } from './flash-sale/return-units.js';
import { releaseCoupon } from './coupons/release-coupon.js';
import { recordLeaderOrder } from './group-leaders/record-leader-order.js';
import { reverseLeaderCommission } from './group-leaders/reverse-leader-commission.js';

/**
 * What other commerce modules do when an order moves, called by the orders module inside the transition's
 * own transaction. Each transition is one guarded update that takes effect once, so each hook runs once per
 * order (per refund). They are called directly rather than through the order events because a member
 * without a channel identity gets no `order.paid` event, and these must happen for every order. This
 * composition lives outside the orders module so orders never depends on the modules that follow it; a new
 * follower adds one line here.
 */
export interface OrderHooks {
  /** created → paid. */
  paid: ((ctx: TenantCtx, orderId: string) => Promise<unknown>)[];
  /**
   * created → cancelled: give back what the order held. `returnsUnits` answers true when it put the order's
   * units back itself (where it set them aside); otherwise the orders module returns them to the SKUs.
   */
  cancelled: ((ctx: TenantCtx, orderId: string) => Promise<unknown>)[];
  returnsUnits: ((ctx: TenantCtx, orderId: string) => Promise<boolean>)[];
  /** A refund of the order succeeded. */
  refunded: ((ctx: TenantCtx, refund: { refundId: string; orderId: string; amountCents: number }) => Promise<unknown>)[];
}

export const ORDER_HOOKS: OrderHooks = {
  paid: [
    // A group-buy seat counts towards its group; the group succeeds with its last payment.
    (ctx, id) => recordGroupBuyPayment(ctx, id),
    // The order's community leader collects it and earns commission.
    (ctx, id) => recordLeaderOrder(ctx, id),
  ],
  cancelled: [
    // An unpaid group-buy seat goes back to its open group.
    (ctx, id) => releaseGroupBuySeat(ctx, id),
    // The coupon it used goes back to its member when the coupon's rule says so (no-op without one).
    (ctx, id) => releaseCoupon(ctx, { orderId: id, reason: 'cancelled' }),
  ],
  returnsUnits: [
    // Units a flash sale set aside go back to its session's buckets, not to the SKU.
    (ctx, id) => returnFlashSaleUnits(ctx, id),
  ],
  refunded: [
    // The leader's commission shrinks by the refunded share.
    (ctx, r) => reverseLeaderCommission(ctx, r),
  ],
};
