import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { pageOf } from '../../core/pagination.js';
import { tenant } from '../../server/access.js';
import { listMassMessages, listMassMessagesSchema, massMessageSchema } from './list-mass-messages.js';

// Operators send the messages and close the tasks; what became of them is theirs to read.
const read = { access: { role: 'operator', scope: 'read' } } as const;
const tags = ['wecom'];

/** WeCom group mass messages made from handed-over group sends (docs/wecom.md "Outbound adapter and group mass messages"). */
export async function massMessageRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get('/api/v1/channels/wecom/mass-messages', {
    config: read,
    schema: {
      tags, summary: 'Group mass messages made in WeCom for sends handed over to staff, with their send results, newest first',
      querystring: listMassMessagesSchema, response: { 200: pageOf(massMessageSchema) },
    },
  }, (req) => tenant(req, (ctx) => listMassMessages(ctx, req.query)));
}
