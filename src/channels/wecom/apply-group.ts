import type { TenantCtx } from '../../core/context.js';
import { one, rows, sql } from '../../db/client.js';
import { createCommunity, updateCommunity } from '../../modules/community/communities.js';
import { ingestEvents, MAX_BATCH } from '../../modules/tracking/ingest-events.js';
import type { EventInput } from '../../modules/tracking/event-contract.js';
import type { GroupChat, GroupChatMember } from './groupchat-api.js';

export interface AppliedGroup { communityId: string; created: boolean; joined: number; left: number }

// groupchat/get's join_scene (path/92122): 1 direct invitation, 2 invitation link, 3 the group's QR code.
const JOIN_SCENE: Record<number, 'invite' | 'link' | 'qr_code'> = { 1: 'invite', 2: 'link', 3: 'qr_code' };
/** A WeCom customer group holds at most 500 members. */
const WECOM_GROUP_CAPACITY = 500;

/**
 * One group as groupchat/get describes it, written into Shequn: its community (created, renamed, made active
 * again), its wecom_groups row, and a member.joined / member.left for every difference between WeCom's
 * member list and the community's present memberships. Event ids depend only on what WeCom said, so applying
 * the same answer twice stores nothing new. Runs in the caller's (retrying) transaction.
 */
export async function applyGroup(ctx: TenantCtx, corpRowId: string, chat: GroupChat, now = new Date()): Promise<AppliedGroup> {
  const { communityId, created } = await ensureCommunity(ctx, corpRowId, chat);
  await ctx.db.execute(sql`
    insert into wecom_groups (workspace_id, corp_row_id, chat_id, community_id, owner_userid, name, notice, member_count, synced_at)
    values (${ctx.workspaceId}, ${corpRowId}, ${chat.chat_id}, ${communityId}, ${chat.owner || null}, ${chat.name}, ${chat.notice}, ${chat.member_list.length}, ${now})
    on conflict (workspace_id, corp_row_id, chat_id) do update set community_id = excluded.community_id, owner_userid = excluded.owner_userid,
      name = excluded.name, notice = excluded.notice, member_count = excluded.member_count, synced_at = excluded.synced_at`);
  const events = await memberDiff(ctx, communityId, chat, now);
  let joined = 0;
  let left = 0;
  for (let i = 0; i < events.length; i += MAX_BATCH) {
    const batch = events.slice(i, i + MAX_BATCH);
    const results = await ingestEvents(ctx, batch);
    results.forEach((r, k) => {
      if (r.status === 'error') throw new Error(`groupchat/get ${chat.chat_id}: the intake refused event ${batch[k]!.id}: ${r.error}`);
      if (r.status === 'stored') { if (batch[k]!.type === 'member.joined') joined++; else left++; }
    });
  }
  return { communityId, created, joined, left };
}

async function ensureCommunity(ctx: TenantCtx, corpRowId: string, chat: GroupChat): Promise<{ communityId: string; created: boolean }> {
  const name = (chat.name || chat.chat_id).slice(0, 200);
  const existing = await one<{ id: string; name: string; status: string; syncedName: string | null }>(ctx.db, sql`
    select c.id, c.name, c.status, g.name as "syncedName" from communities c
    left join wecom_groups g on g.workspace_id = c.workspace_id and g.corp_row_id = ${corpRowId} and g.chat_id = c.external_id
    where c.workspace_id = ${ctx.workspaceId} and c.channel = 'wecom' and c.external_id = ${chat.chat_id}`);
  if (!existing) {
    const c = await createCommunity(ctx, { name, type: 'basic', channel: 'wecom', externalId: chat.chat_id, capacity: WECOM_GROUP_CAPACITY, tags: [] });
    return { communityId: c.id, created: true };
  }
  // WeCom's name wins when it changed there since the last sync, or when the community still carries the
  // chat id a callback gave it; a name an operator set in Shequn for an unchanged WeCom name is kept.
  const renamed = name !== existing.name && (existing.name === chat.chat_id || (existing.syncedName ?? existing.name) !== chat.name);
  const revived = existing.status === 'dismissed';
  if (renamed || revived) await updateCommunity(ctx, existing.id, { ...(renamed ? { name } : {}), ...(revived ? { status: 'active' as const } : {}) });
  return { communityId: existing.id, created: false };
}

/**
 * The memberships table is the community module's; no verb of it answers "who is present in this
 * community, by WeCom id", so this reads it directly, read-only.
 */
async function memberDiff(ctx: TenantCtx, communityId: string, chat: GroupChat, now: Date): Promise<EventInput[]> {
  const present = await rows<{ memberId: string; joinedAt: Date | null; ids: string[] }>(ctx.db, sql`
    select ms.member_id as "memberId", ms.joined_at as "joinedAt",
      coalesce(jsonb_agg(i.external_id order by i.external_id) filter (where i.external_id is not null), '[]'::jsonb) as ids
    from memberships ms
    left join member_identities i on i.workspace_id = ms.workspace_id and i.member_id = ms.member_id and i.channel = 'wecom'
    where ms.workspace_id = ${ctx.workspaceId} and ms.community_id = ${communityId} and ms.left_at is null
    group by ms.member_id, ms.joined_at`);
  const presentIds = new Set(present.flatMap((p) => p.ids));
  const inWecom = new Set(chat.member_list.map((m) => m.userid));
  const admins = new Set(chat.admin_list.map((a) => a.userid));
  const community = { channel: 'wecom' as const, externalId: chat.chat_id };
  const joins: EventInput[] = chat.member_list.filter((m) => !presentIds.has(m.userid)).map((m) => joinEvent(chat, m, admins, community));
  // A present member none of whose WeCom ids is in the list has left. One without any WeCom id came in
  // through another channel's events and is not WeCom's to remove.
  const leaves: EventInput[] = present.filter((p) => p.ids.length && !p.ids.some((id) => inWecom.has(id))).map((p) => ({
    id: `wecom:${chat.chat_id}:sync-leave:${p.ids[0]}:${p.joinedAt ? p.joinedAt.getTime() : 0}`,
    type: 'member.left',
    occurredAt: now.toISOString(),
    community,
    member: { channel: 'wecom', externalId: p.ids[0]! },
    data: { reason: 'unknown', source: 'sync' },
  }));
  return [...joins, ...leaves];
}

function joinEvent(chat: GroupChat, m: GroupChatMember, admins: Set<string>, community: { channel: 'wecom'; externalId: string }): EventInput {
  const name = (m.group_nickname || m.name).slice(0, 200);
  const role = m.userid === chat.owner ? 'owner' : admins.has(m.userid) ? 'admin' : 'member';
  return {
    id: `wecom:${chat.chat_id}:sync-join:${m.userid}:${m.join_time}`,
    type: 'member.joined',
    occurredAt: new Date((m.join_time || chat.create_time || Date.now() / 1000) * 1000).toISOString(),
    community,
    member: { channel: 'wecom', externalId: m.userid, ...(name ? { name } : {}), ...(m.unionid ? { unionId: m.unionid } : {}) },
    data: {
      scene: JOIN_SCENE[m.join_scene] ?? 'unknown',
      role,
      ...(m.invitor?.userid && m.invitor.userid !== m.userid ? { inviter: m.invitor.userid } : {}),
      // A live code's join way carries its slug as state (path/92229); growth attributes joins by data.liveCode.
      ...(m.state ? { liveCode: m.state } : {}),
      memberType: m.type === 1 ? 'staff' : 'external',
      source: 'sync',
    },
  };
}
