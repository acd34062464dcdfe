import type { TenantCtx } from '../../core/context.js';
import type { HealthInput, HealthReport } from './contracts.js';
import { resolveScope } from './resolve-scope.js';
import { speakerMetrics } from './speaker-metrics.js';
import { dailyActivity } from './daily-activity.js';
import { conversationMetrics } from './conversation-metrics.js';
import { membershipMetrics } from './membership-metrics.js';
import { leaveSpikes } from './leave-spikes.js';

export type { HealthInput, HealthReport } from './contracts.js';

/**
 * Is the group alive, who carries it, who stays silent: the health metrics of docs/metrics.md over the
 * given communities (every community of the workspace when none are given) in the window [from, to).
 * An unknown community, or one of another workspace, is "not found". Whole-day windows read the rollups
 * (docs/metrics.md, "Where the numbers come from").
 */
export async function communityHealth(ctx: TenantCtx, input: HealthInput, opts: { fromEvents?: boolean } = {}): Promise<HealthReport> {
  const resolved = await resolveScope(ctx, input);
  // fromEvents: recompute from the raw events even where the rollups would answer (the check of the rollups).
  const scope = opts.fromEvents ? { ...resolved, wholeDays: false } : resolved;
  // One transaction, one connection: the queries run one after another either way.
  const speakers = await speakerMetrics(ctx, scope);
  const daily = await dailyActivity(ctx, scope);
  const conversation = await conversationMetrics(ctx, scope);
  const membership = await membershipMetrics(ctx, scope);
  const spikes = await leaveSpikes(ctx, scope);
  return {
    window: { from: scope.from.toISOString(), to: scope.to.toISOString() },
    communities: scope.communities,
    messages: speakers.messages,
    speakers: speakers.speakers,
    members_known: membership.members_known,
    joins: membership.joins,
    leaves: membership.leaves,
    top20_share: speakers.top20_share,
    gini: speakers.gini,
    absence_factor: speakers.absence_factor,
    reply_share: conversation.reply_share,
    median_first_reply_minutes: conversation.median_first_reply_minutes,
    value_contributors: conversation.value_contributors,
    value_output_per_week: conversation.value_output_per_week,
    lurker_share: membership.lurker_share,
    activation_48h: membership.activation_48h,
    dau: daily.dau,
    wau: daily.wau,
    mau: daily.mau,
    avg_dau: daily.avg_dau,
    stickiness: daily.stickiness,
    leave_spikes: spikes,
    top_speakers: speakers.top_speakers,
  };
}
