import { rows, sql } from '../../db/client.js';
import type { TenantCtx } from '../../core/context.js';
import type { NormalisedEvent } from './event-contract.js';
import { identityKey } from '../community/resolve-refs.js';
import { applyMembershipChanges, touchMembers, type MembershipChange } from '../community/apply-membership-changes.js';
import { dayIn } from './day.js';
import { isSubstantiveText } from '../analytics/substantive-text.js';
import { applyJoinActivations, applyReplyRollups, type StoredJoin, type StoredMessage } from './conversation-rollups.js';

type MemberDay = {
  community_id: string; member_id: string; day: string; messages: number; replies_given: number; replies_received: number;
  mentions_given: number; mentions_received: number; reactions: number; checkins: number;
  events: number; joins: number; leaves: number; long_messages: number; last_join_at: string | null; last_leave_at: string | null;
};
type CommunityDay = { community_id: string; day: string; messages: number; replies: number; mentions: number; reactions: number; checkins: number; joins: number; leaves: number };

/**
 * Folds newly stored events into state: members' activity times, memberships and the member-day and
 * community-day rollups. Counters are summed per key in memory first so each row is written once a batch.
 */
export async function applyEffects(ctx: TenantCtx, events: NormalisedEvent[], communities: Map<string, string>, members: Map<string, string>): Promise<void> {
  const memberOf = (e: NormalisedEvent) => members.get(identityKey(e.member.channel, e.member.externalId))!;
  const communityOf = (e: NormalisedEvent) => (e.community ? communities.get(identityKey(e.community.channel, e.community.externalId)) ?? null : null);
  const authors = await replyTargets(ctx, events, memberOf);

  const memberDays = new Map<string, MemberDay>();
  const communityDays = new Map<string, CommunityDay>();
  const changes: MembershipChange[] = [];
  const lastActive = new Map<string, string>();
  const messages: StoredMessage[] = [];
  const joins: StoredJoin[] = [];
  const md = (community_id: string, member_id: string, day: string) => {
    const k = `${community_id}|${member_id}|${day}`;
    let r = memberDays.get(k);
    if (!r) memberDays.set(k, (r = { community_id, member_id, day, messages: 0, replies_given: 0, replies_received: 0, mentions_given: 0, mentions_received: 0, reactions: 0, checkins: 0,
      events: 0, joins: 0, leaves: 0, long_messages: 0, last_join_at: null, last_leave_at: null }));
    return r;
  };
  const cd = (community_id: string, day: string) => {
    const k = `${community_id}|${day}`;
    let r = communityDays.get(k);
    if (!r) communityDays.set(k, (r = { community_id, day, messages: 0, replies: 0, mentions: 0, reactions: 0, checkins: 0, joins: 0, leaves: 0 }));
    return r;
  };

  for (const e of events) {
    // Our own outbound messages come back as events for the timeline, but they are not community
    // activity: counting them would make every group the operator posts in look alive.
    if (e.type === 'message.sent' && e.data.actionId) continue;
    const memberId = memberOf(e);
    const communityId = communityOf(e);
    const at = e.occurredAt.toISOString();
    const day = dayIn(e.occurredAt, ctx.timeZone);
    if (e.type !== 'member.left') {
      const prev = lastActive.get(memberId);
      if (!prev || prev < at) lastActive.set(memberId, at);
    }
    if (!communityId) continue;
    const own = md(communityId, memberId, day);
    own.events++;
    if (e.type === 'member.joined') {
      own.joins++;
      if (!own.last_join_at || at > own.last_join_at) own.last_join_at = at;
      joins.push({ communityId, memberId, at });
      const inviter = e.data.inviter ? members.get(identityKey(e.member.channel, e.data.inviter)) ?? null : null;
      changes.push({ community_id: communityId, member_id: memberId, at, kind: 'join', scene: e.data.scene ?? null, inviter_id: inviter === memberId ? null : inviter, role: e.data.role ?? null });
      cd(communityId, day).joins++;
    } else if (e.type === 'member.left') {
      own.leaves++;
      if (!own.last_leave_at || at > own.last_leave_at) own.last_leave_at = at;
      changes.push({ community_id: communityId, member_id: memberId, at, kind: 'leave', scene: null, inviter_id: null, role: null });
      cd(communityId, day).leaves++;
    } else {
      // Speaking in a group proves membership even when the join happened before we were watching.
      changes.push({ community_id: communityId, member_id: memberId, at, kind: 'seen', scene: null, inviter_id: null, role: null });
    }
    if (e.type === 'message.sent') {
      const c = cd(communityId, day);
      own.messages++; c.messages++;
      if (isSubstantiveText(e.data.text as string | undefined)) own.long_messages++;
      messages.push({ id: e.id, communityId, memberId, at, replyTo: (e.data.replyTo as string | undefined) || null });
      const target = e.data.replyTo ? authors.get(e.data.replyTo) : undefined;
      if (e.data.replyTo) { own.replies_given++; c.replies++; }
      if (target && target !== memberId) md(communityId, target, day).replies_received++;
      const mentioned = (e.data.mentions as string[] | undefined) ?? [];
      for (const ext of new Set(mentioned)) {
        own.mentions_given++; c.mentions++;
        const m = members.get(identityKey(e.member.channel, ext));
        if (m && m !== memberId) md(communityId, m, day).mentions_received++;
      }
    } else if (e.type === 'message.reaction') {
      md(communityId, memberId, day).reactions++; cd(communityId, day).reactions++;
    } else if (e.type === 'member.checked_in') {
      md(communityId, memberId, day).checkins++; cd(communityId, day).checkins++;
    }
  }

  await applyMembershipChanges(ctx, changes);
  await applyRollups(ctx, [...memberDays.values()], [...communityDays.values()]);
  await touchMembers(ctx, lastActive);
  await applyReplyRollups(ctx, messages);
  await applyJoinActivations(ctx, joins, messages);
}

/** Authors of the messages replied to, whether they are in this batch or stored earlier. */
async function replyTargets(ctx: TenantCtx, events: NormalisedEvent[], memberOf: (e: NormalisedEvent) => string): Promise<Map<string, string>> {
  const authors = new Map<string, string>();
  for (const e of events) if (e.type === 'message.sent') authors.set(e.id, memberOf(e));
  const wanted = [...new Set(events.map((e) => e.data.replyTo as string | undefined).filter((r): r is string => !!r && !authors.has(r)))];
  if (wanted.length) {
    const found = await rows<{ id: string; memberId: string }>(ctx.db, sql`
      select id, member_id as "memberId" from events
      where workspace_id = ${ctx.workspaceId} and id in (select jsonb_array_elements_text(${JSON.stringify(wanted)}::jsonb))`);
    for (const f of found) authors.set(f.id, f.memberId);
  }
  return authors;
}

async function applyRollups(ctx: TenantCtx, memberDays: MemberDay[], communityDays: CommunityDay[]): Promise<void> {
  if (memberDays.length) {
    await ctx.db.execute(sql`
      insert into member_days as d (workspace_id, community_id, member_id, day, messages, replies_given, replies_received, mentions_given, mentions_received,
        reactions, checkins, events, joins, leaves, long_messages, last_join_at, last_leave_at)
      select ${ctx.workspaceId}, x.community_id, x.member_id, x.day, x.messages, x.replies_given, x.replies_received, x.mentions_given, x.mentions_received,
        x.reactions, x.checkins, x.events, x.joins, x.leaves, x.long_messages, x.last_join_at, x.last_leave_at
      from jsonb_to_recordset(${JSON.stringify(memberDays)}::jsonb)
        as x(community_id uuid, member_id uuid, day date, messages int, replies_given int, replies_received int, mentions_given int, mentions_received int,
             reactions int, checkins int, events int, joins int, leaves int, long_messages int, last_join_at timestamptz, last_leave_at timestamptz)
      order by x.community_id, x.member_id, x.day
      on conflict (workspace_id, community_id, member_id, day) do update set
        messages = d.messages + excluded.messages, replies_given = d.replies_given + excluded.replies_given,
        replies_received = d.replies_received + excluded.replies_received, mentions_given = d.mentions_given + excluded.mentions_given,
        mentions_received = d.mentions_received + excluded.mentions_received, reactions = d.reactions + excluded.reactions,
        checkins = d.checkins + excluded.checkins, events = d.events + excluded.events, joins = d.joins + excluded.joins,
        leaves = d.leaves + excluded.leaves, long_messages = d.long_messages + excluded.long_messages,
        last_join_at = greatest(d.last_join_at, excluded.last_join_at), last_leave_at = greatest(d.last_leave_at, excluded.last_leave_at)`);
  }
  const touched = new Map<string, CommunityDay>(communityDays.map((c) => [`${c.community_id}|${c.day}`, c]));
  for (const m of memberDays) {
    const k = `${m.community_id}|${m.day}`;
    if (!touched.has(k)) touched.set(k, { community_id: m.community_id, day: m.day, messages: 0, replies: 0, mentions: 0, reactions: 0, checkins: 0, joins: 0, leaves: 0 });
  }
  if (!touched.size) return;
  // active_members is recounted from member_days rather than incremented, so it stays exact however
  // the events of one day are split across batches. A member is active on a day they spoke, reacted or checked in.
  await ctx.db.execute(sql`
    insert into community_days as d (workspace_id, community_id, day, messages, replies, mentions, reactions, checkins, joins, leaves, active_members)
    select ${ctx.workspaceId}, x.community_id, x.day, x.messages, x.replies, x.mentions, x.reactions, x.checkins, x.joins, x.leaves,
      (select count(*) from member_days m where m.workspace_id = ${ctx.workspaceId} and m.community_id = x.community_id and m.day = x.day
         and (m.messages > 0 or m.reactions > 0 or m.checkins > 0))
    from jsonb_to_recordset(${JSON.stringify([...touched.values()])}::jsonb)
      as x(community_id uuid, day date, messages int, replies int, mentions int, reactions int, checkins int, joins int, leaves int)
    order by x.community_id, x.day
    on conflict (workspace_id, community_id, day) do update set
      messages = d.messages + excluded.messages, replies = d.replies + excluded.replies, mentions = d.mentions + excluded.mentions,
      reactions = d.reactions + excluded.reactions, checkins = d.checkins + excluded.checkins,
      joins = d.joins + excluded.joins, leaves = d.leaves + excluded.leaves, active_members = excluded.active_members`);
}
