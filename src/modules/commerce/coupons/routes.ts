import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { pageOf } from '../../../core/pagination.js';
import { ownRow, sendCreated, tenant } from '../../../server/access.js';
import { memberTenant } from '../../../server/member-access.js';
import { claimInputSchema, claimSchema, couponInputSchema, couponSchema, listClaimsSchema, listCouponsSchema, memberClaimSchema, memberClaimsQuerySchema } from './contracts.js';
import { createCoupon, deleteCoupon, updateCoupon } from './save-coupon.js';
import { getCoupon, listCoupons } from './list-coupons.js';
import { claimCoupon } from './claim-coupon.js';
import { listClaims, listCouponClaims } from './list-claims.js';

const read = { access: { role: 'analyst', scope: 'read' } } as const;
const write = { access: { role: 'operator', scope: 'write' } } as const;
const tags = ['coupons'];
const idParams = z.object({ id: z.uuid('must be an id') });

const ownCoupon = ownRow('coupons', 'coupon');

/** Coupon templates and the claims members hold: analysts read, operators define coupons and grant them. */
export async function couponRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/api/v1/coupons', {
    config: read, schema: { tags, summary: 'Coupons, enabled first, newest first, with claimed / used / left', querystring: listCouponsSchema, response: { 200: pageOf(couponSchema) } },
  }, (req) => tenant(req, (ctx) => listCoupons(ctx, req.query)));

  app.post('/api/v1/coupons', {
    config: write, schema: { tags, summary: 'Define a coupon', body: couponInputSchema, response: { 201: couponSchema } },
  }, async (req, reply) => sendCreated(reply, await tenant(req, (ctx) => createCoupon(ctx, req.body))));

  app.get('/api/v1/coupons/:id', {
    config: read, schema: { tags, params: idParams, response: { 200: couponSchema } },
  }, (req) => tenant(req, (ctx) => getCoupon(ctx, req.params.id)));

  app.put('/api/v1/coupons/:id', {
    config: write, preValidation: ownCoupon,
    schema: { tags, summary: 'Replace a coupon (409 totalLimit under the units claimed already)', params: idParams, body: couponInputSchema, response: { 200: couponSchema } },
  }, (req) => tenant(req, (ctx) => updateCoupon(ctx, req.params.id, req.body)));

  app.delete('/api/v1/coupons/:id', {
    config: write, schema: { tags, summary: 'Delete a coupon nobody has claimed (409: switch it off instead)', params: idParams, response: { 200: z.object({ ok: z.boolean() }) } },
  }, (req) => tenant(req, async (ctx) => { await deleteCoupon(ctx, req.params.id); return { ok: true }; }));

  app.post('/api/v1/coupons/:id/claims', {
    config: write, preValidation: ownCoupon,
    schema: {
      tags, summary: 'Grant the coupon to a member (409 switched off, all claimed, over the per-member limit or past its window)',
      params: idParams, body: claimInputSchema, response: { 200: claimSchema },
    },
  }, (req) => tenant(req, (ctx) => claimCoupon(ctx, req.params.id, { ...req.body, source: 'operator' })));

  app.get('/api/v1/coupons/:id/claims', {
    config: read, schema: { tags, summary: 'The coupon\'s claims, newest first', params: idParams, querystring: listClaimsSchema, response: { 200: pageOf(claimSchema) } },
  }, (req) => tenant(req, (ctx) => listCouponClaims(ctx, req.params.id, req.query)));

  app.get('/api/v1/coupon-claims', {
    config: read, schema: { tags, summary: 'Claims across coupons, newest first (a member\'s coupons with memberId)', querystring: memberClaimsQuerySchema, response: { 200: pageOf(claimSchema) } },
  }, (req) => tenant(req, (ctx) => listClaims(ctx, req.query)));

  // The member's own coupons on their pages (a member token; docs/member-pages.md): 我的优惠券.
  app.get('/api/m/coupons', {
    schema: {
      tags: ['member pages'], security: [{ member: [] }], summary: 'The member\'s coupons, newest first: active, used or expired',
      querystring: listClaimsSchema, response: { 200: pageOf(memberClaimSchema) },
    },
  }, (req) => memberTenant(req, async (ctx, memberId) => {
    const page = await listClaims(ctx, { ...req.query, memberId });
    return { ...page, items: page.items.map(({ memberId: _m, memberName: _n, source: _s, orderId: _o, couponId: _c, status: _st, ...rest }) => rest) };
  }));
}
