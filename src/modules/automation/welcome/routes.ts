import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { pageOf, pageQuerySchema } from '../../../core/pagination.js';
import { sendCreated, ownRow, tenant } from '../../../server/access.js';
import { listBatchesSchema, welcomeBatchSchema, welcomeFlowInputSchema, welcomeFlowSchema } from './contracts.js';
import { createWelcomeFlow } from './create-welcome-flow.js';
import { deleteWelcomeFlow } from './delete-welcome-flow.js';
import { getWelcomeFlow } from './get-welcome-flow.js';
import { listWelcomeBatches } from './list-welcome-batches.js';
import { listWelcomeFlows } from './list-welcome-flows.js';
import { setWelcomeFlowEnabled } from './set-welcome-flow-enabled.js';
import { updateWelcomeFlow } from './update-welcome-flow.js';

const read = { access: { role: 'analyst', scope: 'read' } } as const;
const write = { access: { role: 'operator', scope: 'write' } } as const;
const tags = ['welcome-flows'];
const idParams = z.object({ id: z.uuid() });

const ownFlow = ownRow('welcome_flows', 'welcome flow');

/** Welcome flows and their batches: analysts read, operators and above configure. */
export async function welcomeRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/api/v1/welcome-flows', {
    config: read,
    schema: { tags, summary: 'Welcome flows, broadest scope first', querystring: pageQuerySchema, response: { 200: pageOf(welcomeFlowSchema) } },
  }, (req) => tenant(req, (ctx) => listWelcomeFlows(ctx, req.query)));

  app.post('/api/v1/welcome-flows', {
    config: write, schema: { tags, summary: 'Create a welcome flow', body: welcomeFlowInputSchema, response: { 201: welcomeFlowSchema } },
  }, async (req, reply) => sendCreated(reply, await tenant(req, (ctx) => createWelcomeFlow(ctx, req.body))));

  app.get('/api/v1/welcome-flows/:id', {
    config: read, schema: { tags, params: idParams, response: { 200: welcomeFlowSchema } },
  }, (req) => tenant(req, (ctx) => getWelcomeFlow(ctx, req.params.id)));

  app.put('/api/v1/welcome-flows/:id', {
    config: write, preValidation: ownFlow,
    schema: { tags, summary: 'Replace a flow\'s configuration', params: idParams, body: welcomeFlowInputSchema, response: { 200: welcomeFlowSchema } },
  }, (req) => tenant(req, (ctx) => updateWelcomeFlow(ctx, req.params.id, req.body)));

  app.patch('/api/v1/welcome-flows/:id', {
    config: write, preValidation: ownFlow,
    schema: {
      tags, summary: 'Enable or disable a flow (disabling cancels its undelivered actions)', params: idParams,
      body: z.strictObject({ enabled: z.boolean() }), response: { 200: welcomeFlowSchema },
    },
  }, (req) => tenant(req, (ctx) => setWelcomeFlowEnabled(ctx, req.params.id, req.body.enabled)));

  app.delete('/api/v1/welcome-flows/:id', {
    config: write,
    schema: { tags, summary: 'Delete a flow; its batches stay, its undelivered actions are cancelled', params: idParams, response: { 200: z.object({ ok: z.boolean() }) } },
  }, (req) => tenant(req, async (ctx) => { await deleteWelcomeFlow(ctx, req.params.id); return { ok: true }; }));

  app.get('/api/v1/welcome-batches', {
    config: read,
    schema: { tags, summary: 'Recent group welcome batches, newest first, with their delivery status', querystring: listBatchesSchema, response: { 200: pageOf(welcomeBatchSchema) } },
  }, (req) => tenant(req, (ctx) => listWelcomeBatches(ctx, req.query)));
}
