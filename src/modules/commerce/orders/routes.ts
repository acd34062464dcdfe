import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { pageOf } from '../../../core/pagination.js';
import { sendCreated, ownRow, tenant } from '../../../server/access.js';
import { createOrderSchema, listOrdersSchema, orderDetailSchema, orderSummarySchema, settingsSchema } from './contracts.js';
import { createOrder } from './create-order.js';
import { getOrder, listOrders } from './get-order.js';
import { cancelOrder, completeOrder, fulfilOrder } from './transition-order.js';
import { getCommerceSettings, setUnpaidTimeout } from './settings.js';

const read = { access: { role: 'analyst', scope: 'read' } } as const;
const write = { access: { role: 'operator', scope: 'write' } } as const;
const tags = ['orders'];
const idParams = z.object({ id: z.uuid('must be an id') });
const noteBody = z.strictObject({ note: z.string().trim().max(500, 'at most 500 characters').optional() }).default({});
const ownOrder = ownRow('orders', 'order');

/** Orders: analysts read, operators place them for members and move them along. */
export async function orderRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/api/v1/orders', {
    config: read, schema: { tags, summary: 'Orders newest first, by status, member or community', querystring: listOrdersSchema, response: { 200: pageOf(orderSummarySchema) } },
  }, (req) => tenant(req, (ctx) => listOrders(ctx, req.query)));

  app.post('/api/v1/orders', {
    config: write,
    schema: {
      tags, summary: 'Place an order for a member: stock is taken per SKU with a guarded decrement (409 out of stock or off sale; a replayed key answers the first order)',
      body: createOrderSchema, response: { 201: orderDetailSchema, 200: orderDetailSchema },
    },
  }, async (req, reply) => {
    const order = await tenant(req, (ctx) => createOrder(ctx, req.body));
    return order.created ? sendCreated(reply, order) : order;
  });

  app.get('/api/v1/orders/:id', {
    config: read, schema: { tags, summary: 'An order with its lines, payments, refunds and state history', params: idParams, response: { 200: orderDetailSchema } },
  }, (req) => tenant(req, (ctx) => getOrder(ctx, req.params.id)));

  app.post('/api/v1/orders/:id/cancel', {
    config: write, preValidation: ownOrder,
    schema: { tags, summary: 'Cancel an unpaid order: its stock comes back (409 once it is paid)', params: idParams, body: noteBody, response: { 200: orderDetailSchema } },
  }, (req) => tenant(req, (ctx) => cancelOrder(ctx, req.params.id, req.body?.note || 'cancelled by staff')));

  app.post('/api/v1/orders/:id/fulfil', {
    config: write, preValidation: ownOrder,
    schema: { tags, summary: 'Mark a paid order shipped or handed over', params: idParams, body: noteBody, response: { 200: orderDetailSchema } },
  }, (req) => tenant(req, (ctx) => fulfilOrder(ctx, req.params.id, req.body?.note)));

  app.post('/api/v1/orders/:id/complete', {
    config: write, preValidation: ownOrder,
    schema: { tags, summary: 'Mark a fulfilled order completed', params: idParams, body: noteBody, response: { 200: orderDetailSchema } },
  }, (req) => tenant(req, (ctx) => completeOrder(ctx, req.params.id, req.body?.note)));

  app.get('/api/v1/commerce/settings', {
    config: read, schema: { tags, summary: 'How long an unpaid order waits before it is cancelled', response: { 200: settingsSchema } },
  }, (req) => tenant(req, async (ctx) => ({ unpaidTimeoutMinutes: (await getCommerceSettings(ctx)).unpaidTimeoutMinutes })));

  app.put('/api/v1/commerce/settings', {
    config: { access: { role: 'admin', scope: 'write' } }, schema: { tags, body: settingsSchema, response: { 200: settingsSchema } },
  }, (req) => tenant(req, async (ctx) => ({ unpaidTimeoutMinutes: (await setUnpaidTimeout(ctx, req.body.unpaidTimeoutMinutes)).unpaidTimeoutMinutes })));
}
