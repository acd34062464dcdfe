import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { tenant } from '../../server/access.js';
import { healthQuerySchema } from './routes.js';
import { activityHeatmap, heatmapSchema } from './activity-heatmap.js';
import { speakerDistribution, speakerDistributionSchema } from './speaker-distribution.js';
import type { HealthInput } from './contracts.js';

const read = { access: { role: 'analyst', scope: 'read' } } as const;

type HealthQuery = { communityId?: string[]; from?: string; to?: string };
const input = (q: HealthQuery): HealthInput => ({
  communityIds: q.communityId?.length ? q.communityId : undefined,
  from: q.from ? new Date(q.from) : undefined,
  to: q.to ? new Date(q.to) : undefined,
});

/** The health dashboard's chart data; scope and window work exactly as for /analytics/health. */
export async function dashboardRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/api/v1/analytics/heatmap', {
    config: read,
    schema: {
      tags: ['analytics'],
      summary: 'Messages by local weekday and hour over a window',
      querystring: healthQuerySchema,
      response: { 200: heatmapSchema },
    },
  }, (req) => tenant(req, (ctx) => activityHeatmap(ctx, input(req.query))));

  app.get('/api/v1/analytics/speakers', {
    config: read,
    schema: {
      tags: ['analytics'],
      summary: 'Messages per speaker over a window, largest first (for the Pareto curve)',
      querystring: healthQuerySchema,
      response: { 200: speakerDistributionSchema },
    },
  }, (req) => tenant(req, (ctx) => speakerDistribution(ctx, input(req.query))));
}
