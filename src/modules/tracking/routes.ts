import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { tenant } from '../../server/access.js';
import { checkAccess } from '../../server/access.js';
import { withTenantRetrying } from '../../core/context.js';
import { ingestEvents, MAX_BATCH } from './ingest-events.js';
import { eventEnvelopeSchema } from './event-contract.js';
import { workspaceOverview } from './activity.js';
import { daySeriesPoint } from '../community/contracts.js';

export async function trackingRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.post('/api/v1/events', {
    config: { access: { role: 'operator', scope: 'events:write' } },
    schema: {
      tags: ['events'],
      summary: 'Push a batch of normalised events; each item is answered stored, duplicate or error',
      description: 'Items are validated one by one (their shape is the `events` item schema below); an invalid item is reported with the field at fault while the valid items of the batch are stored.',
      // Items are checked one by one in the verb so one bad item cannot reject its neighbours; the schema
      // documents the item shape but the route only requires an array.
      body: z.object({ events: z.array(z.unknown()).min(1).max(MAX_BATCH).meta({ description: 'Each item: ' + JSON.stringify(z.toJSONSchema(eventEnvelopeSchema, { io: 'input' })) }) }),
      response: { 200: z.object({ results: z.array(z.object({ id: z.string(), status: z.enum(['stored', 'duplicate', 'error']), error: z.string().optional() })) }) },
    },
  }, async (req) => {
    const p = checkAccess(req, { role: 'operator', scope: 'events:write' });
    return { results: await withTenantRetrying(app.database, p.workspace, p.actor, (ctx) => ingestEvents(ctx, req.body.events)) };
  });

  app.get('/api/v1/overview', {
    config: { access: { role: 'analyst', scope: 'read' } },
    schema: {
      tags: ['analytics'], querystring: z.object({ days: z.coerce.number().int().min(1).max(366).default(60) }),
      response: { 200: z.object({ totals: z.object({ communities: z.number(), members: z.number(), messages: z.number(), joins: z.number(), leaves: z.number(), activeMembers7d: z.number() }), series: z.array(daySeriesPoint) }) },
    },
  }, (req) => tenant(req, (ctx) => workspaceOverview(ctx, req.query.days) as never));
}
