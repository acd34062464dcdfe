import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { tenant } from '../../server/access.js';
import { healthReportSchema } from './contracts.js';
import { communityHealth } from './health-metrics.js';

const read = { access: { role: 'analyst', scope: 'read' } } as const;

/** communityId may be repeated (?communityId=a&communityId=b) or a comma list (?communityId=a,b). */
const communityIds = z.union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : [v]).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean))
  .pipe(z.array(z.uuid()).max(1000))
  .optional();

export const healthQuerySchema = z.object({
  communityId: communityIds.meta({ description: 'Community ids, repeated or comma-separated; all communities of the workspace when absent' }),
  from: z.iso.datetime({ offset: true }).optional().meta({ description: 'Window start (inclusive); default: the first event' }),
  to: z.iso.datetime({ offset: true }).optional().meta({ description: 'Window end (exclusive); default: just after the last event' }),
});

export async function analyticsRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/api/v1/analytics/health', {
    config: read,
    schema: {
      tags: ['analytics'],
      summary: 'Community health metrics over a window (definitions: docs/metrics.md)',
      querystring: healthQuerySchema,
      response: { 200: healthReportSchema },
    },
  }, (req) => tenant(req, (ctx) => communityHealth(ctx, {
    communityIds: req.query.communityId?.length ? req.query.communityId : undefined,
    from: req.query.from ? new Date(req.query.from) : undefined,
    to: req.query.to ? new Date(req.query.to) : undefined,
  })));
}
