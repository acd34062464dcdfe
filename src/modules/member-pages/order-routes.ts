import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { pageOf } from '../../core/pagination.js';
import { AppError } from '../../core/errors.js';
import { memberRateKey, memberTenant } from '../../server/member-access.js';
import { getOrder, getOrderLines, listOrders } from '../commerce/orders/get-order.js';
import { cancelOrder } from '../commerce/orders/transition-order.js';
import { startPayment } from '../commerce/payments/start-payment.js';
import { completeSandboxPayment } from '../commerce/payments/sandbox-provider.js';
import { idParams, memberOrderSchema, memberOrdersQuerySchema, memberPaymentSchema, paymentParams, sandboxPaySchema } from './commerce-contracts.js';
import { orderView, ownOrder } from './member-commerce.js';

const tags = ['member pages'];
const security = [{ member: [] }];
const memberWrite = { rateLimit: { max: 30, timeWindow: '1 minute', hook: 'preHandler' as const, keyGenerator: memberRateKey } };

/**
 * 我的订单: the member's own orders, paying an unpaid one through the sandbox provider and cancelling one.
 * Another member's order is "not found" on every route. No refund request here: requestRefund refunds at
 * once through the provider, which is an operator's decision, not a member's.
 */
export async function memberOrderRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/api/m/orders', {
    schema: { tags, security, summary: 'The member\'s orders, newest first, with their lines', querystring: memberOrdersQuerySchema, response: { 200: pageOf(memberOrderSchema) } },
  }, (req) => memberTenant(req, async (ctx, memberId) => {
    const page = await listOrders(ctx, { ...req.query, memberId });
    const items = [];
    for (const o of page.items) items.push(orderView({ ...o, lines: await getOrderLines(ctx, o.id), payments: [], refunds: [], history: [] }));
    return { ...page, items };
  }));

  app.get('/api/m/orders/:id', {
    schema: { tags, security, summary: 'One of the member\'s orders with its lines and payments (404 another member\'s)', params: idParams, response: { 200: memberOrderSchema } },
  }, (req) => memberTenant(req, async (ctx, memberId) => orderView(await ownOrder(ctx, memberId, req.params.id))));

  app.post('/api/m/orders/:id/pay', {
    config: memberWrite,
    schema: {
      tags, security, summary: 'Start paying an unpaid order (409 status); a payment still pending is answered again rather than doubled',
      params: idParams, response: { 200: memberPaymentSchema },
    },
  }, (req) => memberTenant(req, async (ctx, memberId) => {
    const order = await ownOrder(ctx, memberId, req.params.id);
    const pending = order.status === 'created' ? order.payments.find((p) => p.status === 'pending') : undefined;
    const p = pending ?? await startPayment(ctx, order.id, 'sandbox');
    return { id: p.id, provider: p.provider, amountCents: p.amountCents, status: p.status, createdAt: p.createdAt };
  }));

  app.post('/api/m/orders/:id/payments/:paymentId/sandbox', {
    config: memberWrite,
    schema: {
      tags, security, summary: 'Sandbox only, moving no money: the member pays (or fails) their pending payment; the signed notification marks the order paid shortly after',
      params: paymentParams, body: sandboxPaySchema, response: { 200: z.object({ kind: z.string() }) },
    },
  }, (req) => memberTenant(req, async (ctx, memberId) => {
    const order = await ownOrder(ctx, memberId, req.params.id);
    if (!order.payments.some((p) => p.id === req.params.paymentId)) throw new AppError('not_found', 'payment not found', [{ path: 'paymentId', message: 'no such payment of this order' }]);
    const n = await completeSandboxPayment(ctx, req.params.paymentId, req.body.outcome);
    return { kind: n.kind };
  }));

  app.post('/api/m/orders/:id/cancel', {
    config: memberWrite,
    schema: { tags, security, summary: 'Cancel an unpaid order: its stock, seat or coupon goes back (409 status once paid)', params: idParams, response: { 200: memberOrderSchema } },
  }, (req) => memberTenant(req, async (ctx, memberId) => {
    await ownOrder(ctx, memberId, req.params.id);
    await cancelOrder(ctx, req.params.id, 'cancelled by the member');
    return orderView(await getOrder(ctx, req.params.id));
  }));
}
