import { z } from 'zod';
import { pageQuerySchema } from '../../core/pagination.js';
import { ORDER_STATUSES } from '../commerce/orders/contracts.js';
import { GROUP_STATUSES } from '../commerce/group-buy/contracts.js';

// What the member pages' shop, group-buy, flash-sale and order tabs send and answer (docs/member-pages.md).
// A member never sees another member's id, order or anything beyond a display name.

export const memberKey = z.string().trim().min(8, 'at least 8 characters').max(100, 'at most 100 characters')
  .meta({ description: 'one per tap of 下单: a double tap or a retry with the same key places one order' });
const communityId = z.uuid('must be a community id').optional()
  .meta({ description: 'the group the member link was opened from (c= in the link); used only when the member is in it' });
const quantity = z.number().int('must be a whole number').min(1, 'must be 1 or more').max(99, 'must be at most 99');

export const idParams = z.object({ id: z.uuid('must be an id') });

export const memberSkuSchema = z.object({ id: z.string(), name: z.string(), priceCents: z.number().int(), currency: z.string(), stock: z.number().int() });
export const memberProductSchema = z.object({ id: z.string(), name: z.string(), description: z.string(), skus: z.array(memberSkuSchema) });

export const quoteQuerySchema = z.object({
  skuId: z.uuid('must be a SKU id'),
  quantity: z.coerce.number().int('must be a whole number').min(1, 'must be 1 or more').max(99, 'must be at most 99').default(1),
  claimId: z.uuid('must be a coupon id').optional(),
});
export const quoteSchema = z.object({
  subtotalCents: z.number().int(), discountCents: z.number().int(), payableCents: z.number().int(), couponName: z.string().nullable(),
});

export const buyInputSchema = z.strictObject({
  skuId: z.uuid('must be a SKU id'), quantity: quantity.default(1),
  claimId: z.uuid('must be a coupon id').optional().meta({ description: 'one of the member\'s active coupons (GET /api/m/coupons)' }),
  idempotencyKey: memberKey, communityId,
});

const lineSchema = z.object({ productName: z.string(), skuName: z.string(), unitPriceCents: z.number().int(), quantity: z.number().int(), lineCents: z.number().int() });
export const memberPaymentSchema = z.object({ id: z.string(), provider: z.string(), amountCents: z.number().int(), status: z.enum(['pending', 'succeeded', 'failed']), createdAt: z.date() });
export const memberOrderSchema = z.object({
  id: z.string(), status: z.enum(ORDER_STATUSES), currency: z.string(),
  subtotalCents: z.number().int(), discountCents: z.number().int(), totalCents: z.number().int(), paidCents: z.number().int(), refundedCents: z.number().int(),
  discounts: z.array(z.object({ source: z.string(), amountCents: z.number().int() })),
  lines: z.array(lineSchema),
  payments: z.array(memberPaymentSchema),
  expiresAt: z.date(), createdAt: z.date(), paidAt: z.date().nullable(), cancelledAt: z.date().nullable(),
});
export const memberOrderResultSchema = memberOrderSchema.extend({
  created: z.boolean().meta({ description: 'false: this key had placed an order already, and this is that order' }),
});
export const memberOrdersQuerySchema = pageQuerySchema.extend({ pageSize: z.coerce.number().int().min(1).max(50).default(10) });

export const sandboxPaySchema = z.strictObject({ outcome: z.enum(['succeeded', 'failed'], 'must be succeeded or failed').default('succeeded') });
export const paymentParams = z.object({ id: z.uuid('must be an order id'), paymentId: z.uuid('must be a payment id') });

export const memberDealSchema = z.object({
  id: z.string(), name: z.string(), productName: z.string(), skuName: z.string(), priceCents: z.number().int(), groupPriceCents: z.number().int(),
  groupSize: z.number().int(), windowHours: z.number().int(), validUntil: z.date().nullable(),
});
export const memberGroupSchema = z.object({
  id: z.string(), dealId: z.string(), dealName: z.string(), productName: z.string(), skuName: z.string(), priceCents: z.number().int(),
  groupPriceCents: z.number().int(), size: z.number().int(), status: z.enum(GROUP_STATUSES), seatsTaken: z.number().int(), paidCount: z.number().int(),
  expiresAt: z.date(), createdAt: z.date(),
  /** The seats, by display name only. */
  members: z.array(z.object({ name: z.string(), role: z.enum(['opener', 'joiner']), paid: z.boolean(), released: z.boolean(), you: z.boolean() })),
  /** The member's own seat: their order, to pay; null when they are not in the group. */
  mine: z.object({ orderId: z.string(), orderStatus: z.string() }).nullable(),
});
export const memberGroupsSchema = z.object({ deals: z.array(memberDealSchema), groups: z.array(memberGroupSchema) });
export const seatBodySchema = z.strictObject({ idempotencyKey: memberKey, communityId });
export const memberSeatSchema = z.object({ group: memberGroupSchema, orderId: z.string(), created: z.boolean() });

export const memberSessionSchema = z.object({
  id: z.string(), name: z.string(), state: z.enum(['upcoming', 'live']), startsAt: z.date(), endsAt: z.date(),
  perMemberLimit: z.number().int(), bought: z.number().int().meta({ description: 'units the member holds in this session' }),
  items: z.array(z.object({ skuId: z.string(), productName: z.string(), skuName: z.string(), priceCents: z.number().int(), salePriceCents: z.number().int(), left: z.number().int() })),
});
export const admitBodySchema = z.strictObject({ skuId: z.uuid('must be a SKU id'), quantity: quantity.default(1), idempotencyKey: memberKey });
export const memberAdmissionSchema = z.object({ orderId: z.string(), quantity: z.number().int(), totalCents: z.number().int(), created: z.boolean() });
