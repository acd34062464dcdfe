import { z } from 'zod';
import { pageOf, pageQuerySchema } from '../../core/pagination.js';
import { STAGES } from './lifecycle.js';
import { ROLE_NAMES } from './roles.js';
import { SEGMENTS } from './segments.js';
import { MAX_TREND_WEEKS, DEFAULT_TREND_WEEKS } from './lifecycle-trend.js';

/** Segments as served under /api/v1/analytics/segments; definitions: docs/metrics.md. */
export const asOfQuerySchema = z.object({
  communityId: z.uuid().optional().meta({ description: 'One community; all communities of the workspace when absent' }),
  asOf: z.iso.datetime({ offset: true }).optional().meta({ description: 'The instant the segments describe; default now' }),
});

export const segmentsQuerySchema = asOfQuerySchema.extend({
  weeks: z.coerce.number().int().min(1).max(MAX_TREND_WEEKS).default(DEFAULT_TREND_WEEKS).meta({ description: 'Weeks of lifecycle trend' }),
});
export const segmentMembersQuerySchema = asOfQuerySchema.extend(pageQuerySchema.shape);
export const segmentParamsSchema = z.object({ segment: z.enum(SEGMENTS).meta({ description: 'A segment name, e.g. lifecycle:at_risk, role:core, level:4' }) });

const count = z.number().int().nonnegative();
const stageCountsSchema = z.object(Object.fromEntries(STAGES.map((s) => [s, count])) as Record<(typeof STAGES)[number], typeof count>);

export const segmentsReportSchema = z.object({
  as_of: z.string(),
  as_of_day: z.string().meta({ description: 'The local day (workspace time zone) of the last instant before as_of' }),
  segments: z.array(z.object({ segment: z.enum(SEGMENTS), members: count })),
  lifecycle: z.object({
    counts: stageCountsSchema.meta({ description: 'Memberships per stage at as_of (7-day period)' }),
    trend: z.array(z.object({
      period_start: z.string().meta({ description: 'ISO week start (Monday, YYYY-MM-DD)' }),
      as_of: z.string(),
      counts: stageCountsSchema,
    })),
  }),
});

export const memberProfileSchema = z.object({
  member_id: z.string(),
  name: z.string(),
  communities: z.array(z.object({ community_id: z.string(), name: z.string(), stage: z.enum(STAGES) })),
  roles: z.array(z.enum(ROLE_NAMES)),
  score: z.number().nonnegative().nullable(),
  level: z.number().int().min(1).max(4).nullable(),
  last_active_day: z.string().nullable(),
  segments: z.array(z.enum(SEGMENTS)),
});
export const segmentMembersSchema = pageOf(memberProfileSchema).extend({ as_of: z.string() });
