import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { tenant } from '../../server/access.js';
import { engagementSettingsSchema, engagementSettingsViewSchema, getEngagementSettings, updateEngagementSettings } from './engagement-settings.js';
import { lifecycleTrend } from './lifecycle-trend.js';
import { segmentCounts } from './segments.js';
import { segmentMembers } from './segment-members.js';
import { segmentCsv } from './segment-csv.js';
import { asOfQuerySchema, segmentMembersQuerySchema, segmentMembersSchema, segmentParamsSchema, segmentsQuerySchema, segmentsReportSchema } from './segment-contracts.js';

const read = { access: { role: 'analyst', scope: 'read' } } as const;
const admin = { access: { role: 'admin', scope: 'write' } } as const;
const asOfInput = (q: { communityId?: string; asOf?: string }) => ({ communityId: q.communityId, asOf: q.asOf ? new Date(q.asOf) : undefined });

export async function segmentRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/api/v1/analytics/segments', {
    config: read,
    schema: {
      tags: ['analytics'],
      summary: 'Members per segment, lifecycle counts and the weekly lifecycle trend (definitions: docs/metrics.md)',
      querystring: segmentsQuerySchema,
      response: { 200: segmentsReportSchema },
    },
  }, (req) => tenant(req, async (ctx) => {
    // Counts and trend share one as-of instant, so "now" does not drift between them.
    const input = { ...asOfInput(req.query), asOf: req.query.asOf ? new Date(req.query.asOf) : new Date() };
    const counts = await segmentCounts(ctx, input);
    const trend = await lifecycleTrend(ctx, { ...input, weeks: req.query.weeks });
    return {
      as_of: counts.as_of.toISOString(), as_of_day: counts.as_of_day, segments: counts.segments,
      // The last bar is as of asOf itself with the default 7-day period: the current counts.
      lifecycle: { counts: trend[trend.length - 1]!.counts, trend },
    };
  }));

  app.get('/api/v1/analytics/segments/:segment/members', {
    config: read,
    schema: {
      tags: ['analytics'],
      summary: 'One page of a segment\'s members, highest engagement score first',
      params: segmentParamsSchema,
      querystring: segmentMembersQuerySchema,
      response: { 200: segmentMembersSchema },
    },
  }, (req) => tenant(req, async (ctx) => {
    const page = await segmentMembers(ctx, { ...asOfInput(req.query), segment: req.params.segment, page: req.query.page, pageSize: req.query.pageSize });
    return { ...page, as_of: page.as_of.toISOString() };
  }));

  app.get('/api/v1/analytics/segments/:segment/members.csv', {
    config: read,
    schema: {
      tags: ['analytics'],
      summary: 'A segment\'s members as CSV (UTF-8 with BOM, CRLF), for Excel and for outreach tools',
      params: segmentParamsSchema,
      querystring: asOfQuerySchema,
    },
  }, async (req, reply) => {
    const { csv, as_of_day } = await tenant(req, (ctx) => segmentCsv(ctx, { ...asOfInput(req.query), segment: req.params.segment }));
    // ':' is not allowed in Windows file names.
    const file = `segment-${req.params.segment.replace(':', '-')}-${as_of_day}.csv`;
    reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${file}"`);
    return csv;
  });

  app.get('/api/v1/analytics/engagement-settings', {
    config: read,
    schema: { tags: ['analytics'], summary: 'Engagement score weights, half-life and level thresholds', response: { 200: engagementSettingsViewSchema } },
  }, (req) => tenant(req, getEngagementSettings));

  app.put('/api/v1/analytics/engagement-settings', {
    config: admin,
    schema: {
      tags: ['analytics'], summary: 'Replace the engagement settings (audited)',
      body: engagementSettingsSchema,
      response: { 200: engagementSettingsViewSchema },
    },
  }, (req) => tenant(req, (ctx) => updateEngagementSettings(ctx, req.body)));
}
