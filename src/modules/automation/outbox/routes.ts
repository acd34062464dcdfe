import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { pageOf } from '../../../core/pagination.js';
import { tenant } from '../../../server/access.js';
import { listOutboxSchema, outboxActionSchema, outboxCountsSchema } from './contracts.js';
import { listOutbox, outboxCounts } from './list-outbox.js';
import { cancelAction, retryAction } from './change-action.js';

const idParams = z.object({ id: z.uuid() });
const read = { access: { role: 'analyst', scope: 'read' } } as const;
const write = { access: { role: 'operator', scope: 'write' } } as const;
const tags = ['outbox'];

/** The outbox as operators watch it: what is waiting, what went out, what failed and why. */
export async function outboxRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/api/v1/outbox', {
    config: read,
    schema: { tags, summary: 'Outbox actions, newest first; status and kind take comma-separated lists', querystring: listOutboxSchema, response: { 200: pageOf(outboxActionSchema) } },
  }, (req) => tenant(req, (ctx) => listOutbox(ctx, req.query)));

  app.get('/api/v1/outbox/counts', {
    config: read,
    schema: { tags, summary: 'How many actions are in each status', response: { 200: outboxCountsSchema } },
  }, (req) => tenant(req, (ctx) => outboxCounts(ctx)));

  app.post('/api/v1/outbox/:id/retry', {
    config: write,
    schema: { tags, summary: 'Send a failed action again (fresh attempts)', params: idParams, response: { 200: outboxActionSchema } },
  }, (req) => tenant(req, (ctx) => retryAction(ctx, req.params.id)));

  app.post('/api/v1/outbox/:id/cancel', {
    config: write,
    schema: { tags, summary: 'Withdraw an action that is still pending', params: idParams, response: { 200: outboxActionSchema } },
  }, (req) => tenant(req, (ctx) => cancelAction(ctx, req.params.id)));
}
