import crypto from 'node:crypto';
import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { TenantCtx } from '../../core/context.js';
import { AppError, notFound } from '../../core/errors.js';
import { memberRateKey, memberTenant } from '../../server/member-access.js';
import { getProduct, getSku, listProducts, type Product } from '../commerce/catalogue/product-row.js';
import { createOrder, findByKey } from '../commerce/orders/create-order.js';
import { quoteCoupon } from '../commerce/coupons/quote-coupon.js';
import { redeemCoupon } from '../commerce/coupons/redeem-coupon.js';
import { buyInputSchema, idParams, memberOrderResultSchema, memberProductSchema, quoteQuerySchema, quoteSchema } from './commerce-contracts.js';
import { asFormError, communityFor, memberScopedKey, orderView, ownOrder } from './member-commerce.js';

const tags = ['member pages'];
const security = [{ member: [] }];
const memberWrite = { rateLimit: { max: 30, timeWindow: '1 minute', hook: 'preHandler' as const, keyGenerator: memberRateKey } };

const productView = (p: Product) => ({
  id: p.id, name: p.name, description: p.description,
  skus: p.skus.map((s) => ({ id: s.id, name: s.name, priceCents: s.priceCents, currency: s.currency, stock: s.stock })),
});

/** A SKU of a product on sale; anything else is "not found" to a member. */
async function skuOnSale(ctx: TenantCtx, skuId: string) {
  const sku = await getSku(ctx, skuId).catch((e: unknown) => { if (e instanceof AppError) return null; throw e; });
  const product = sku ? await getProduct(ctx, sku.productId) : null;
  if (!sku || product?.status !== 'on_sale') throw new AppError('not_found', 'sku not found', [{ path: 'skuId', message: 'no such SKU on sale' }]);
  return sku;
}

/** What a coupon takes off `quantity` of a SKU at today's price; nothing changes. */
async function quote(ctx: TenantCtx, memberId: string, q: { skuId: string; quantity: number; claimId?: string }) {
  const sku = await skuOnSale(ctx, q.skuId);
  const subtotalCents = sku.priceCents * q.quantity;
  if (!q.claimId) return { subtotalCents, discountCents: 0, payableCents: subtotalCents, couponName: null };
  const c = await quoteCoupon(ctx, { claimId: q.claimId, memberId, subtotalCents });
  return { subtotalCents, discountCents: c.discountCents, payableCents: c.payableCents, couponName: c.couponName };
}

/**
 * One SKU bought from the member page: the order (through createOrder, under the member's namespaced key, so a
 * double tap answers the first order) and, with a coupon, its redemption in the same transaction. A replay
 * spends nothing again.
 */
async function buy(ctx: TenantCtx, memberId: string, input: z.infer<typeof buyInputSchema>) {
  const key = memberScopedKey(memberId, input.idempotencyKey);
  const placed = await findByKey(ctx, key);
  if (placed) return { ...orderView(await ownOrder(ctx, memberId, placed)), created: false };
  const q = await quote(ctx, memberId, input);
  const communityId = await communityFor(ctx, memberId, input.communityId);
  const order = await createOrder(ctx, {
    orderId: crypto.randomUUID(), memberId, lines: [{ skuId: input.skuId, quantity: input.quantity }], idempotencyKey: key,
    discounts: input.claimId ? [{ source: 'coupon', ref: input.claimId, amountCents: q.discountCents }] : [],
    ...(communityId ? { attribution: { communityId } } : {}),
  });
  if (order.created && input.claimId) {
    const r = await redeemCoupon(ctx, { claimId: input.claimId, memberId, orderId: order.id, subtotalCents: order.subtotalCents, idempotencyKey: key });
    // The price moved between the quote and the order: refuse (the transaction rolls the order back) rather than charge another amount.
    if (r.discountCents !== q.discountCents) throw new AppError('conflict', 'coupon: the price changed, try again', [{ path: 'claimId', message: 'the price changed: try again' }]);
  }
  return { ...orderView(order), created: order.created };
}

/** 商城: the products on sale, a product, the checkout quote and buying, as the member of the token. */
export async function memberShopRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/api/m/products', {
    schema: { tags, security, summary: 'Products on sale, newest first, with their SKUs, prices and stock', response: { 200: z.object({ items: z.array(memberProductSchema) }) } },
  }, (req) => memberTenant(req, async (ctx) => ({ items: (await listProducts(ctx, { page: 1, pageSize: 100, status: 'on_sale' })).items.map(productView) })));

  app.get('/api/m/products/:id', {
    schema: { tags, security, summary: 'A product on sale (404 off sale)', params: idParams, response: { 200: memberProductSchema } },
  }, (req) => memberTenant(req, async (ctx) => {
    const p = await getProduct(ctx, req.params.id);
    if (p.status !== 'on_sale') throw notFound('product');
    return productView(p);
  }));

  app.get('/api/m/checkout/quote', {
    schema: {
      tags, security, summary: 'What a SKU and quantity cost, and what one of the member\'s coupons takes off (409 claimId / subtotalCents / validFrom / validUntil)',
      querystring: quoteQuerySchema, response: { 200: quoteSchema },
    },
  }, (req) => memberTenant(req, (ctx, memberId) => quote(ctx, memberId, req.query)));

  app.post('/api/m/orders', {
    config: memberWrite,
    schema: {
      tags, security, summary: 'Buy a SKU, optionally with a coupon (404 skuId; 409 quantity when short, claimId when used; the same key answers the first order)',
      body: buyInputSchema, response: { 200: memberOrderResultSchema },
    },
  }, async (req) => {
    try {
      return await memberTenant(req, (ctx, memberId) => buy(ctx, memberId, req.body));
    } catch (e) {
      throw asFormError(e);
    }
  });
}
