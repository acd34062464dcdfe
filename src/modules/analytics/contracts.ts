import { z } from 'zod';

/** The health report as served by GET /api/v1/analytics/health; keys are the metric names of docs/metrics.md. */
export const leaveSpikeSchema = z.object({
  community_id: z.string(),
  week: z.string().meta({ description: 'ISO week start (Monday, YYYY-MM-DD) in the workspace time zone' }),
  leaves: z.number().int(),
  trailing_mean: z.number(),
  trailing_std: z.number(),
});
export type LeaveSpike = z.infer<typeof leaveSpikeSchema>;

export const topSpeakerSchema = z.object({ member_id: z.string(), name: z.string(), messages: z.number().int(), share: z.number() });
export type TopSpeaker = z.infer<typeof topSpeakerSchema>;

const count = z.number().int().nonnegative();
const share = z.number().min(0).max(1);

export const healthReportSchema = z.object({
  window: z.object({ from: z.string(), to: z.string() }),
  communities: count,
  messages: count,
  speakers: count,
  members_known: count,
  joins: count,
  leaves: count,
  top20_share: share.nullable(),
  gini: share.nullable(),
  absence_factor: count,
  reply_share: share.nullable(),
  median_first_reply_minutes: z.number().nonnegative().nullable(),
  value_contributors: count,
  value_output_per_week: z.number().nonnegative(),
  lurker_share: share.nullable(),
  activation_48h: share.nullable(),
  dau: count,
  wau: count,
  mau: count,
  avg_dau: z.number().nonnegative(),
  stickiness: share.nullable(),
  leave_spikes: z.array(leaveSpikeSchema),
  top_speakers: z.array(topSpeakerSchema),
});
export type HealthReport = z.infer<typeof healthReportSchema>;

export interface HealthInput { communityIds?: string[]; from?: Date; to?: Date }
