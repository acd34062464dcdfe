import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { pageOf } from '../../../core/pagination.js';
import { ownRow, sendCreated, tenant } from '../../../server/access.js';
import { appointSchema, handOverSchema, leaderOrderSchema, leaderSchema, leaderTermsSchema, listLeaderOrdersSchema, listLeadersSchema } from './contracts.js';
import { getLeader, listLeaders } from './leader-row.js';
import { appointLeader, setLeaderStatus, updateLeader } from './appoint-leader.js';
import { listLeaderOrders } from './leader-orders.js';
import { handOverOrder } from './hand-over-order.js';

const read = { access: { role: 'analyst', scope: 'read' } } as const;
const write = { access: { role: 'operator', scope: 'write' } } as const;
const tags = ['group-leaders'];
const idParams = z.object({ id: z.uuid('must be an id') });
const orderParams = z.object({ id: z.uuid('must be an id'), orderId: z.uuid('must be an order id') });

const ownLeader = ownRow('group_leaders', 'leader');

/** Community group-buy leaders (团长): analysts read; operators appoint, edit, suspend and mark orders handed over. */
export async function groupLeaderRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/api/v1/group-leaders', {
    config: read, schema: { tags, summary: 'Leaders, active first, newest first, with their commission balances and orders to hand over', querystring: listLeadersSchema, response: { 200: pageOf(leaderSchema) } },
  }, (req) => tenant(req, (ctx) => listLeaders(ctx, req.query)));

  app.post('/api/v1/group-leaders', {
    config: write, schema: { tags, summary: 'Appoint a member leader of a community with a pickup point and a commission rate (409: the community has an active leader)', body: appointSchema, response: { 201: leaderSchema } },
  }, async (req, reply) => sendCreated(reply, await tenant(req, (ctx) => appointLeader(ctx, req.body))));

  app.get('/api/v1/group-leaders/:id', {
    config: read, schema: { tags, params: idParams, response: { 200: leaderSchema } },
  }, (req) => tenant(req, (ctx) => getLeader(ctx, req.params.id)));

  app.put('/api/v1/group-leaders/:id', {
    config: write, preValidation: ownLeader,
    schema: { tags, summary: 'Replace the pickup point and rate; orders collected before keep theirs', params: idParams, body: leaderTermsSchema, response: { 200: leaderSchema } },
  }, (req) => tenant(req, (ctx) => updateLeader(ctx, req.params.id, req.body)));

  app.post('/api/v1/group-leaders/:id/suspend', {
    config: write, schema: { tags, summary: 'Suspend a leader: later orders of the community are nobody\'s', params: idParams, response: { 200: leaderSchema } },
  }, (req) => tenant(req, (ctx) => setLeaderStatus(ctx, req.params.id, 'suspended')));

  app.post('/api/v1/group-leaders/:id/reactivate', {
    config: write, schema: { tags, summary: 'Reactivate a leader (409: the community has another active leader)', params: idParams, response: { 200: leaderSchema } },
  }, (req) => tenant(req, (ctx) => setLeaderStatus(ctx, req.params.id, 'active')));

  app.get('/api/v1/group-leaders/:id/orders', {
    config: read, schema: { tags, summary: 'Orders the leader collected; pickup=waiting is the pickup list', params: idParams, querystring: listLeaderOrdersSchema, response: { 200: pageOf(leaderOrderSchema) } },
  }, (req) => tenant(req, (ctx) => listLeaderOrders(ctx, req.params.id, req.query)));

  app.post('/api/v1/group-leaders/:id/orders/:orderId/hand-over', {
    config: write, preValidation: ownLeader,
    schema: { tags, summary: 'The buyer picked the order up: marked once, and a paid order is fulfilled (409 being refunded or refunded)', params: orderParams, body: handOverSchema, response: { 200: leaderOrderSchema } },
  }, (req) => tenant(req, (ctx) => handOverOrder(ctx, req.params.id, req.params.orderId, req.body.note)));
}
