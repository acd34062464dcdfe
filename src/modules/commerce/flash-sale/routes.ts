import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { pageOf } from '../../../core/pagination.js';
import { ownRow, sendCreated, tenant } from '../../../server/access.js';
import { admissionSchema, admitInputSchema, listSessionsSchema, sessionInputSchema, sessionSchema, statsSchema } from './contracts.js';
import { createSession, deleteSession, updateSession } from './save-session.js';
import { getSession, getSessionStats, listSessions } from './session-row.js';
import { admitBuyer, refusalError } from './admit-buyer.js';

const read = { access: { role: 'analyst', scope: 'read' } } as const;
const write = { access: { role: 'operator', scope: 'write' } } as const;
const tags = ['flash-sales'];
const idParams = z.object({ id: z.uuid('must be an id') });
const ownSession = ownRow('flash_sale_sessions', 'flash sale');

/** Flash sales (秒杀): analysts read sessions and their numbers, operators define them and admit buyers on a member's behalf. */
export async function flashSaleRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/api/v1/flash-sales', {
    config: read, schema: { tags, summary: 'Flash-sale sessions, the latest start first (state: upcoming, live, ended)', querystring: listSessionsSchema, response: { 200: pageOf(sessionSchema) } },
  }, (req) => tenant(req, (ctx) => listSessions(ctx, req.query)));

  app.post('/api/v1/flash-sales', {
    config: write,
    schema: { tags, summary: 'Define a session: each item\'s sale stock is taken from its SKU (409 items.N.saleStock when short)', body: sessionInputSchema, response: { 201: sessionSchema } },
  }, async (req, reply) => sendCreated(reply, await tenant(req, (ctx) => createSession(ctx, req.body))));

  app.get('/api/v1/flash-sales/:id', {
    config: read, schema: { tags, params: idParams, response: { 200: sessionSchema } },
  }, (req) => tenant(req, (ctx) => getSession(ctx, req.params.id)));

  app.put('/api/v1/flash-sales/:id', {
    config: write, preValidation: ownSession,
    schema: { tags, summary: 'Replace a session (409 items / startsAt once it has started or admitted a buyer)', params: idParams, body: sessionInputSchema, response: { 200: sessionSchema } },
  }, (req) => tenant(req, (ctx) => updateSession(ctx, req.params.id, req.body)));

  app.delete('/api/v1/flash-sales/:id', {
    config: write, schema: { tags, summary: 'Delete a session nobody was admitted to; its stock goes back to the SKUs (409: switch it off instead)', params: idParams, response: { 200: z.object({ ok: z.boolean() }) } },
  }, (req) => tenant(req, async (ctx) => { await deleteSession(ctx, req.params.id); return { ok: true }; }));

  app.get('/api/v1/flash-sales/:id/stats', {
    config: read, schema: { tags, summary: 'sold / left / admitted / returned / refused, and each SKU\'s buckets', params: idParams, response: { 200: statsSchema } },
  }, (req) => tenant(req, (ctx) => getSessionStats(ctx, req.params.id)));

  app.post('/api/v1/flash-sales/:id/admissions', {
    config: write, preValidation: ownSession,
    schema: {
      tags, summary: 'Admit a buyer on a member\'s behalf: an order at the sale price (201; a replayed key answers 200 with the first; 409 startsAt / endsAt / enabled / quantity / memberId / skuId when refused)',
      params: idParams, body: admitInputSchema, response: { 201: admissionSchema, 200: admissionSchema },
    },
  }, async (req, reply) => {
    // The refusal is counted in the transaction, which commits; the 409 is answered after it.
    const r = await tenant(req, (ctx) => admitBuyer(ctx, req.params.id, req.body));
    if (!r.admitted) throw refusalError(r);
    const { admitted: _, ...body } = r;
    return body.created ? sendCreated(reply, body) : body;
  });
}
