import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { pageOf } from '../../../core/pagination.js';
import { ownRow, sendCreated, tenant } from '../../../server/access.js';
import { dealInputSchema, dealSchema, groupSchema, listDealsSchema, listGroupsSchema, seatInputSchema, seatSchema } from './contracts.js';
import { createDeal, deleteDeal, getDeal, listDeals, updateDeal } from './deals.js';
import { getGroup, joinGroup, listGroups, openGroup } from './groups.js';

const read = { access: { role: 'analyst', scope: 'read' } } as const;
const write = { access: { role: 'operator', scope: 'write' } } as const;
const tags = ['group-buy'];
const idParams = z.object({ id: z.uuid('must be an id') });

const ownDeal = ownRow('group_buy_deals', 'deal');
const ownGroup = ownRow('group_buy_groups', 'group');

/** Group-buy (拼团): analysts read deals and groups; operators define deals and open or join groups on a member's behalf. */
export async function groupBuyRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/api/v1/group-buy/deals', {
    config: read, schema: { tags, summary: 'Group-buy deals, enabled first, newest first, with their groups open / succeeded / failed', querystring: listDealsSchema, response: { 200: pageOf(dealSchema) } },
  }, (req) => tenant(req, (ctx) => listDeals(ctx, req.query)));

  app.post('/api/v1/group-buy/deals', {
    config: write, schema: { tags, summary: 'Define a group-buy deal (the group price at most the SKU price)', body: dealInputSchema, response: { 201: dealSchema } },
  }, async (req, reply) => sendCreated(reply, await tenant(req, (ctx) => createDeal(ctx, req.body))));

  app.get('/api/v1/group-buy/deals/:id', {
    config: read, schema: { tags, params: idParams, response: { 200: dealSchema } },
  }, (req) => tenant(req, (ctx) => getDeal(ctx, req.params.id)));

  app.put('/api/v1/group-buy/deals/:id', {
    config: write, preValidation: ownDeal,
    schema: { tags, summary: 'Replace a deal; groups already open keep their size and price', params: idParams, body: dealInputSchema, response: { 200: dealSchema } },
  }, (req) => tenant(req, (ctx) => updateDeal(ctx, req.params.id, req.body)));

  app.delete('/api/v1/group-buy/deals/:id', {
    config: write, schema: { tags, summary: 'Delete a deal nobody opened a group of (409: switch it off instead)', params: idParams, response: { 200: z.object({ ok: z.boolean() }) } },
  }, (req) => tenant(req, async (ctx) => { await deleteDeal(ctx, req.params.id); return { ok: true }; }));

  app.post('/api/v1/group-buy/deals/:id/groups', {
    config: write, preValidation: ownDeal,
    schema: {
      tags, summary: 'Open a group for a member: the group and their order at the group price (409 switched off or outside its validity)',
      params: idParams, body: seatInputSchema, response: { 200: seatSchema },
    },
  }, (req) => tenant(req, (ctx) => openGroup(ctx, req.params.id, req.body)));

  app.get('/api/v1/group-buy/groups', {
    config: read, schema: { tags, summary: 'Groups, newest first, with their members, orders and status', querystring: listGroupsSchema, response: { 200: pageOf(groupSchema) } },
  }, (req) => tenant(req, (ctx) => listGroups(ctx, req.query)));

  app.get('/api/v1/group-buy/groups/:id', {
    config: read, schema: { tags, params: idParams, response: { 200: groupSchema } },
  }, (req) => tenant(req, (ctx) => getGroup(ctx, req.params.id)));

  app.post('/api/v1/group-buy/groups/:id/members', {
    config: write, preValidation: ownGroup,
    schema: {
      tags, summary: 'A member joins a group by its link (409 own group, joined already, full, or no longer open)',
      params: idParams, body: seatInputSchema, response: { 200: seatSchema },
    },
  }, (req) => tenant(req, (ctx) => joinGroup(ctx, req.params.id, req.body)));
}
