import { one, sql } from '../../db/client.js';
import type { TenantCtx } from '../../core/context.js';
import { inScope, instant, localWeek, type Scope } from './scope.js';
import type { ConversationMetrics } from './conversation-metrics.js';
import { VALUE_MIN_PER_WEEK, VALUE_MIN_WEEKS } from './conversation-metrics.js';

/**
 * conversationMetrics for a whole-day window, from the rollups the intake keeps: community_days (messages,
 * replies), member_days.long_messages (substantive by length) and first_replies (answered messages with
 * their first answer). A message's first answer overall is its first answer inside the window whenever it
 * falls before the window end, because an answer is never earlier than the message; so the table answers
 * any window exactly.
 */
export async function conversationFromRollups(ctx: TenantCtx, s: Scope): Promise<ConversationMetrics> {
  const days = (alias: string) => sql`${sql.raw(alias)}.day between ${s.firstDay}::date and ${s.lastDay}::date`;
  const r = await one<{ messages: number; replies: number; median: number | null; contributors: number; output: number }>(ctx.db, sql`
    with answered as (
      select f.member_id, f.sent_at, f.long_text, f.first_reply_at - f.sent_at as wait from first_replies f
      where ${inScope(ctx, s, 'f')} and f.sent_at >= ${instant(s.from)} and f.sent_at < ${instant(s.to)} and f.first_reply_at < ${instant(s.to)}),
    substantive as (
      select d.member_id, date_trunc('week', d.day)::date as week, d.long_messages as n from member_days d
      where ${inScope(ctx, s, 'd')} and ${days('d')} and d.long_messages > 0
      union all
      -- Short messages count once someone answered them; long ones are already in long_messages.
      select a.member_id, ${localWeek(ctx, sql`a.sent_at`)}, 1 from answered a where not a.long_text),
    per_week as (select member_id, week, sum(n) as n from substantive group by member_id, week),
    contributors as (
      select member_id from per_week where n >= ${VALUE_MIN_PER_WEEK} group by member_id having count(*) >= ${VALUE_MIN_WEEKS}),
    totals as (
      select coalesce(sum(c.messages), 0)::int as messages, coalesce(sum(c.replies), 0)::int as replies from community_days c
      where ${inScope(ctx, s, 'c')} and ${days('c')})
    select totals.messages, totals.replies,
           (select (percentile_cont(0.5) within group (order by extract(epoch from wait) / 60))::float8 from answered) as median,
           (select count(*)::int from contributors) as contributors,
           (select coalesce(sum(n), 0)::int from per_week where member_id in (select member_id from contributors)) as output
    from totals`);
  return {
    reply_share: r!.messages > 0 ? r!.replies / r!.messages : null,
    median_first_reply_minutes: r!.median,
    value_contributors: r!.contributors,
    value_output_per_week: r!.output / s.weeks,
  };
}
