import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ownRow, sendCreated, tenant } from '../../../server/access.js';
import { paymentSchema, refundRequestSchema, refundSchema, startPaymentSchema } from '../orders/contracts.js';
import { startPayment } from './start-payment.js';
import { requestRefund } from './request-refund.js';
import { completeSandboxPayment } from './sandbox-provider.js';
import { receiveNotification } from './apply-notification.js';

const write = { access: { role: 'operator', scope: 'write' } } as const;
const tags = ['payments'];
const idParams = z.object({ id: z.uuid('must be an id') });
const ownOrder = ownRow('orders', 'order');

/** Payments and refunds of orders, the sandbox's pay/fail button, and the public notification endpoint. */
export async function paymentRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.post('/api/v1/orders/:id/payments', {
    config: write, preValidation: ownOrder,
    schema: { tags, summary: 'Ask a provider to take an unpaid order\'s total; the order is paid when its notification arrives', params: idParams, body: startPaymentSchema, response: { 201: paymentSchema } },
  }, async (req, reply) => sendCreated(reply, await tenant(req, (ctx) => startPayment(ctx, req.params.id, req.body.provider))));

  app.post('/api/v1/orders/:id/refunds', {
    config: write, preValidation: ownOrder,
    schema: {
      tags, summary: 'Refund part or all of a paid order (409 past what is left, or while another refund is in flight; a replayed key answers the first)',
      params: idParams, body: refundRequestSchema, response: { 200: refundSchema.extend({ created: z.boolean() }) },
    },
  }, (req) => tenant(req, (ctx) => requestRefund(ctx, req.params.id, req.body)));

  app.post('/api/v1/payments/sandbox/:id/complete', {
    config: write, preValidation: ownRow('payments', 'payment'),
    schema: {
      tags, summary: 'Sandbox only: the buyer pays or fails a pending payment; a signed notification follows within seconds',
      params: idParams, body: z.strictObject({ outcome: z.enum(['succeeded', 'failed']) }),
      response: { 200: z.object({ notificationId: z.string(), kind: z.string() }) },
    },
  }, (req) => tenant(req, async (ctx) => {
    const n = await completeSandboxPayment(ctx, req.params.id, req.body.outcome);
    return { notificationId: n.notificationId, kind: n.kind };
  }));

  await app.register(notifyRoute);
}

async function notifyRoute(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  // The signature covers the exact bytes sent: this scope alone keeps JSON bodies as text.
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => done(null, String(body)));
  app.post('/api/v1/payments/sandbox/notify', {
    config: { access: 'public', rateLimit: { max: 600, timeWindow: '1 minute' } },
    schema: {
      tags, summary: 'The sandbox provider\'s signed notifications (HMAC-SHA256 of the body in x-sandbox-signature); a replay changes nothing',
      response: { 200: z.object({ outcome: z.string() }) },
    },
  }, async (req) => ({ outcome: await receiveNotification(req.server.database, 'sandbox', typeof req.body === 'string' ? req.body : JSON.stringify(req.body ?? {}), req.headers) }));
}
