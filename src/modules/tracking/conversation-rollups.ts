import { sql } from '../../db/client.js';
import type { TenantCtx } from '../../core/context.js';
import { isUserMessage } from '../analytics/scope.js';
import { SUBSTANTIVE_MIN_LENGTH, substantiveLengthSql } from '../analytics/substantive-text.js';

/** The window in which a newcomer's first message counts as activation (docs/metrics.md, activation_48h). */
export const ACTIVATION_HOURS = 48;
export const ACTIVATION_INTERVAL = `${ACTIVATION_HOURS} hours`;

/** A person-written message of a community, as the intake stored it. */
export interface StoredMessage { id: string; communityId: string; memberId: string; at: string; replyTo: string | null }
export interface StoredJoin { communityId: string; memberId: string; at: string }

/**
 * Keeps reply_links (with the target's author once the target is stored) and first_replies: the first answer by someone else in the same community, not
 * earlier than the message. Both ends are recomputed from the stored rows, so it does not matter which
 * of a message and its reply arrives first (the intake's workspace lock keeps two batches from racing).
 */
export async function applyReplyRollups(ctx: TenantCtx, messages: StoredMessage[]): Promise<void> {
  if (!messages.length) return;
  const replies = messages.filter((m) => m.replyTo);
  if (replies.length) {
    await ctx.db.execute(sql`
      insert into reply_links (workspace_id, target_id, reply_id, community_id, member_id, replied_at)
      select ${ctx.workspaceId}, x.target_id, x.reply_id, x.community_id, x.member_id, x.at
      from jsonb_to_recordset(${JSON.stringify(replies.map((r) => ({ target_id: r.replyTo, reply_id: r.id, community_id: r.communityId, member_id: r.memberId, at: r.at })))}::jsonb)
        as x(target_id text, reply_id text, community_id uuid, member_id uuid, at timestamptz)
      order by x.target_id, x.reply_id
      on conflict do nothing`);
  }
  // The messages replied to, and the batch's own messages (their replies may have come first).
  const targets = [...new Set([...replies.map((r) => r.replyTo!), ...messages.map((m) => m.id)])].sort();
  const targetIds = sql`(select jsonb_array_elements_text(${JSON.stringify(targets)}::jsonb))`;
  await ctx.db.execute(sql`
    update reply_links r set target_member_id = t.member_id, target_at = t.occurred_at
    from events t
    where r.workspace_id = ${ctx.workspaceId} and r.target_id in ${targetIds} and r.target_member_id is null
      and t.workspace_id = r.workspace_id and t.id = r.target_id and t.community_id = r.community_id and ${isUserMessage('t')}`);
  await ctx.db.execute(sql`
    insert into first_replies as f (workspace_id, message_id, community_id, member_id, sent_at, long_text, first_reply_at)
    select t.workspace_id, t.id, t.community_id, t.member_id, t.occurred_at,
           ${substantiveLengthSql(sql`t.data->>'text'`)} >= ${SUBSTANTIVE_MIN_LENGTH}, min(r.replied_at)
    from events t
    join reply_links r on r.workspace_id = t.workspace_id and r.target_id = t.id and r.community_id = t.community_id
      and r.member_id <> t.member_id and r.replied_at >= t.occurred_at
    where t.workspace_id = ${ctx.workspaceId} and t.id in ${targetIds}
      and t.community_id is not null and ${isUserMessage('t')}
    group by t.workspace_id, t.id, t.community_id, t.member_id, t.occurred_at, t.data->>'text'
    order by t.id
    on conflict (workspace_id, message_id) do update set first_reply_at = least(f.first_reply_at, excluded.first_reply_at)`);
}

/**
 * Keeps join_activations: every join and the member's first own message in the 48 hours after it.
 * The joins of every (community, member) the batch touched near its times are recomputed from events.
 */
export async function applyJoinActivations(ctx: TenantCtx, joins: StoredJoin[], messages: StoredMessage[]): Promise<void> {
  if (joins.length) {
    await ctx.db.execute(sql`
      insert into join_activations (workspace_id, community_id, member_id, joined_at)
      select ${ctx.workspaceId}, x.community_id, x.member_id, x.at
      from jsonb_to_recordset(${JSON.stringify(joins.map((j) => ({ community_id: j.communityId, member_id: j.memberId, at: j.at })))}::jsonb)
        as x(community_id uuid, member_id uuid, at timestamptz)
      order by x.community_id, x.member_id, x.at
      on conflict do nothing`);
  }
  // Per (community, member): the span of the batch's joins and messages; only joins within 48 hours
  // before its end and not after its start can change.
  const spans = new Map<string, { community_id: string; member_id: string; lo: string; hi: string }>();
  for (const x of [...joins, ...messages]) {
    const k = `${x.communityId}|${x.memberId}`;
    const s = spans.get(k);
    if (!s) spans.set(k, { community_id: x.communityId, member_id: x.memberId, lo: x.at, hi: x.at });
    else { if (x.at < s.lo) s.lo = x.at; if (x.at > s.hi) s.hi = x.at; }
  }
  if (!spans.size) return;
  await ctx.db.execute(sql`
    update join_activations j set activated_at = (
      select min(e.occurred_at) from events e
      where e.workspace_id = j.workspace_id and e.member_id = j.member_id and e.community_id = j.community_id and ${isUserMessage('e')}
        and e.occurred_at >= j.joined_at and e.occurred_at < j.joined_at + ${ACTIVATION_INTERVAL}::interval)
    from jsonb_to_recordset(${JSON.stringify([...spans.values()])}::jsonb) as x(community_id uuid, member_id uuid, lo timestamptz, hi timestamptz)
    where j.workspace_id = ${ctx.workspaceId} and j.community_id = x.community_id and j.member_id = x.member_id
      and j.joined_at <= x.hi and j.joined_at + ${ACTIVATION_INTERVAL}::interval > x.lo`);
}
