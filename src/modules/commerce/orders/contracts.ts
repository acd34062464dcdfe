import { z } from 'zod';
import { pageQuerySchema } from '../../../core/pagination.js';

export const ORDER_STATUSES = ['created', 'paid', 'fulfilled', 'completed', 'cancelled', 'refund_requested', 'refunded'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

const key = z.string().min(8, 'at least 8 characters').max(100, 'at most 100 characters');

export const attributionSchema = z.strictObject({
  communityId: z.uuid('must be a community id').optional(),
  campaign: z.string().trim().min(1).max(100).optional(),
  templateId: z.uuid('must be a template id').optional(),
  variant: z.string().trim().min(1).max(50).optional(),
  distributorId: z.uuid('must be a distributor id').optional(),
});

export const discountSchema = z.strictObject({
  source: z.string().trim().min(1).max(50),
  ref: z.string().trim().min(1).max(200),
  amountCents: z.number().int('must be a whole number of cents').min(0, 'must be 0 or more'),
});

export const createOrderSchema = z.strictObject({
  memberId: z.uuid('must be a member id'),
  lines: z.array(z.strictObject({
    skuId: z.uuid('must be a SKU id'),
    quantity: z.number().int('must be a whole number').min(1, 'must be 1 or more').max(10_000, 'must be at most 10000'),
  })).min(1, 'an order needs a line').max(50, 'at most 50 lines'),
  idempotencyKey: key,
  attribution: attributionSchema.optional(),
});
export type CreateOrderBody = z.output<typeof createOrderSchema>;

export const refundRequestSchema = z.strictObject({
  amountCents: z.number().int('must be a whole number of cents').min(1, 'must be 1 or more'),
  reason: z.string().trim().max(500, 'at most 500 characters').default(''),
  idempotencyKey: key,
});

export const startPaymentSchema = z.strictObject({
  provider: z.string().min(1).max(30).default('sandbox'),
});

export const settingsSchema = z.strictObject({
  unpaidTimeoutMinutes: z.number().int('must be a whole number').min(1, 'must be 1 or more').max(10080, 'at most a week (10080)'),
});

const lineSchema = z.object({
  lineNo: z.number().int(), skuId: z.string(), productId: z.string(), productName: z.string(), skuName: z.string(),
  unitPriceCents: z.number().int(), quantity: z.number().int(), lineCents: z.number().int(),
});

export const orderSummarySchema = z.object({
  id: z.string(), memberId: z.string(), memberName: z.string(), status: z.enum(ORDER_STATUSES), currency: z.string(),
  subtotalCents: z.number().int(), discountCents: z.number().int(), totalCents: z.number().int(),
  paidCents: z.number().int(), refundedCents: z.number().int(),
  discounts: z.array(z.object({ source: z.string(), ref: z.string(), amountCents: z.number().int() })),
  communityId: z.string().nullable(), campaign: z.string().nullable(), templateId: z.string().nullable(), variant: z.string().nullable(),
  distributorId: z.string().nullable(), expiresAt: z.date(), createdAt: z.date(), paidAt: z.date().nullable(),
  cancelledAt: z.date().nullable(), cancelReason: z.string().nullable(),
});

export const paymentSchema = z.object({
  id: z.string(), orderId: z.string(), provider: z.string(), providerTxnId: z.string(), amountCents: z.number().int(),
  status: z.enum(['pending', 'succeeded', 'failed']), failure: z.string().nullable(), payUrl: z.string().nullable(),
  createdAt: z.date(), settledAt: z.date().nullable(),
});

export const refundSchema = z.object({
  id: z.string(), orderId: z.string(), paymentId: z.string(), provider: z.string(), amountCents: z.number().int(), reason: z.string(),
  status: z.enum(['pending', 'succeeded', 'failed']), createdAt: z.date(), settledAt: z.date().nullable(),
});

export const orderDetailSchema = orderSummarySchema.extend({
  lines: z.array(lineSchema),
  payments: z.array(paymentSchema),
  refunds: z.array(refundSchema),
  history: z.array(z.object({ fromStatus: z.string().nullable(), toStatus: z.string(), amountCents: z.number().int().nullable(), note: z.string().nullable(), actor: z.string(), at: z.date() })),
  created: z.boolean().optional(),
});

export const listOrdersSchema = pageQuerySchema.extend({
  status: z.enum(ORDER_STATUSES).optional(),
  memberId: z.uuid().optional(),
  communityId: z.uuid().optional(),
});
