import { z } from 'zod';
import { pageQuerySchema } from '../../../core/pagination.js';

export const PRODUCT_STATUSES = ['on_sale', 'off_sale'] as const;

const cents = z.number().int('must be a whole number of cents').min(0, 'must be 0 or more').max(100_000_000, 'must be at most 100000000');

export const skuInputSchema = z.strictObject({
  name: z.string().trim().min(1, 'must not be empty').max(100, 'at most 100 characters').meta({ description: 'the spec, e.g. 500g / 红色 L' }),
  priceCents: cents.meta({ description: 'price in integer cents (CNY)' }),
});

export const newSkuSchema = skuInputSchema.extend({
  stock: z.number().int('must be a whole number').min(0, 'must be 0 or more').max(10_000_000, 'must be at most 10000000').default(0)
    .meta({ description: 'units to start with; later changes go through restock' }),
});

export const productInputSchema = z.strictObject({
  name: z.string().trim().min(1, 'must not be empty').max(100, 'at most 100 characters'),
  description: z.string().trim().max(2000, 'at most 2000 characters').default(''),
  status: z.enum(PRODUCT_STATUSES, 'must be on_sale or off_sale').default('on_sale'),
});

export const createProductSchema = productInputSchema.extend({
  skus: z.array(newSkuSchema).min(1, 'a product needs at least one SKU').max(50, 'at most 50 SKUs'),
});

export const restockSchema = z.strictObject({
  quantity: z.number().int('must be a whole number').min(1, 'must be 1 or more').max(10_000_000, 'must be at most 10000000'),
  idempotencyKey: z.string().min(8, 'at least 8 characters').max(100, 'at most 100 characters'),
});

export const skuSchema = z.object({
  id: z.string(), productId: z.string(), name: z.string(), priceCents: z.number().int(), currency: z.string(),
  stock: z.number().int(), createdAt: z.date(), updatedAt: z.date(),
});

export const productSchema = z.object({
  id: z.string(), name: z.string(), description: z.string(), status: z.enum(PRODUCT_STATUSES),
  skus: z.array(skuSchema), createdAt: z.date(), updatedAt: z.date(),
});

export const listProductsSchema = pageQuerySchema.extend({
  status: z.enum(PRODUCT_STATUSES).optional(),
  q: z.string().trim().max(100).optional().meta({ description: 'part of the name' }),
});

export type SkuInput = z.output<typeof skuInputSchema>;
export type NewSkuInput = z.output<typeof newSkuSchema>;
export type ProductInput = z.output<typeof productInputSchema>;
export type CreateProductInput = z.output<typeof createProductSchema>;
