import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { tenant } from '../../server/access.js';
import { interactionNetworkSchema, kolCandidatesSchema } from './network-contracts.js';
import { interactionNetwork } from './interaction-network.js';
import { KOL_DEFAULT_LIMIT, KOL_MAX_LIMIT, kolCandidates } from './kol-candidates.js';

const read = { access: { role: 'analyst', scope: 'read' } } as const;

export const networkQuerySchema = z.object({
  communityId: z.uuid().meta({ description: 'The community (one: a network is drawn per group)' }),
  from: z.iso.datetime({ offset: true }).optional().meta({ description: 'Window start (inclusive); default: the first event' }),
  to: z.iso.datetime({ offset: true }).optional().meta({ description: 'Window end (exclusive); default: just after the last event' }),
});

export const kolQuerySchema = networkQuerySchema.extend({
  limit: z.coerce.number().int().min(1).max(KOL_MAX_LIMIT).default(KOL_DEFAULT_LIMIT).meta({ description: `At most this many candidates (default ${KOL_DEFAULT_LIMIT})` }),
});

const window = (q: { from?: string; to?: string }) => ({ from: q.from ? new Date(q.from) : undefined, to: q.to ? new Date(q.to) : undefined });

export async function networkRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/api/v1/analytics/network', {
    config: read,
    schema: {
      tags: ['analytics'],
      summary: 'Interaction network of one community: centralities, clusters, hub dependence, introductions (docs/metrics.md)',
      querystring: networkQuerySchema,
      response: { 200: interactionNetworkSchema },
    },
  }, (req) => tenant(req, (ctx) => interactionNetwork(ctx, { communityId: req.query.communityId, ...window(req.query) })));

  app.get('/api/v1/analytics/kol-candidates', {
    config: read,
    schema: {
      tags: ['analytics'],
      summary: 'Members who could become KOLs: reach in the interaction network and attention received (docs/metrics.md)',
      querystring: kolQuerySchema,
      response: { 200: kolCandidatesSchema },
    },
  }, (req) => tenant(req, (ctx) => kolCandidates(ctx, { communityId: req.query.communityId, limit: req.query.limit, ...window(req.query) })));
}
