import { one, sql } from '../../db/client.js';
import type { TenantCtx } from '../../core/context.js';
import { inWindow, isUserMessage, localWeek, type Scope } from './scope.js';
import { SUBSTANTIVE_MIN_LENGTH, substantiveLengthSql } from './substantive-text.js';
import { conversationFromRollups } from './conversation-from-rollups.js';

export const VALUE_MIN_PER_WEEK = 3;
export const VALUE_MIN_WEEKS = 2;

export interface ConversationMetrics {
  reply_share: number | null; median_first_reply_minutes: number | null; value_contributors: number; value_output_per_week: number;
}

/**
 * Replies and substantive messages. A whole-day window reads the rollups (conversation-from-rollups.ts);
 * any other window takes one pass over its messages. A reply (docs/metrics.md)
 * is a message in the window whose replyTo names a message of the same community in the window, by
 * another member, not earlier than it: a reply arriving after the window end does not count.
 */
export async function conversationMetrics(ctx: TenantCtx, s: Scope): Promise<ConversationMetrics> {
  if (s.wholeDays) return conversationFromRollups(ctx, s);
  const r = await one<{ messages: number; replies: number; median: number | null; contributors: number; output: number }>(ctx.db, sql`
    with m as (
      select e.id, e.community_id, e.member_id, e.occurred_at, nullif(e.data->>'replyTo', '') as reply_to, e.data->>'text' as text
      from events e where ${inWindow(ctx, s, 'e')} and ${isUserMessage('e')}),
    answered as (
      select t.id, min(r.occurred_at) - t.occurred_at as wait
      from m t join m r on r.reply_to = t.id and r.community_id = t.community_id and r.member_id <> t.member_id and r.occurred_at >= t.occurred_at
      group by t.id, t.occurred_at),
    substantive as (
      select m.member_id, ${localWeek(ctx, sql`m.occurred_at`)} as week from m left join answered a on a.id = m.id
      where a.id is not null or ${substantiveLengthSql(sql`m.text`)} >= ${SUBSTANTIVE_MIN_LENGTH}),
    contributors as (
      select member_id from (select member_id, week from substantive group by member_id, week having count(*) >= ${VALUE_MIN_PER_WEEK}) w
      group by member_id having count(*) >= ${VALUE_MIN_WEEKS})
    select (select count(*)::int from m) as messages,
           (select count(*)::int from m where reply_to is not null) as replies,
           (select (percentile_cont(0.5) within group (order by extract(epoch from wait) / 60))::float8 from answered) as median,
           (select count(*)::int from contributors) as contributors,
           (select count(*)::int from substantive where member_id in (select member_id from contributors)) as output`);
  return {
    reply_share: r!.messages > 0 ? r!.replies / r!.messages : null,
    median_first_reply_minutes: r!.median,
    value_contributors: r!.contributors,
    value_output_per_week: r!.output / s.weeks,
  };
}
