import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { tenant } from '../../../server/access.js';
import { salesQuerySchema, salesReportSchema } from './contracts.js';
import { salesReport } from './sales-report.js';

const read = { access: { role: 'analyst', scope: 'read' } } as const;

/** What sold, and through which community, campaign, distributor or message variant. */
export async function salesRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get('/api/v1/commerce/sales', {
    config: read,
    schema: {
      tags: ['orders'], summary: 'Paid orders of a period of local days grouped by community, campaign, distributor or template variant, net of their refunds',
      querystring: salesQuerySchema, response: { 200: salesReportSchema },
    },
  }, (req) => tenant(req, (ctx) => salesReport(ctx, req.query)));
}
