import { sql } from '../../db/client.js';
import type { TenantCtx } from '../../core/context.js';
import { compare } from './resolve-refs.js';

export interface MembershipChange {
  community_id: string; member_id: string; at: string; kind: 'join' | 'leave' | 'seen';
  scene: string | null; inviter_id: string | null; role: string | null;
}

/**
 * Folds joins, leaves and "seen speaking" into memberships. Events that arrive late (older than what we
 * know) never undo a newer join or leave.
 */
export async function applyMembershipChanges(ctx: TenantCtx, changes: MembershipChange[]): Promise<void> {
  if (!changes.length) return;
  // Per membership: the latest join (with its scene and inviter) and the latest leave of the batch.
  const folded = new Map<string, { community_id: string; member_id: string; joined_at: string | null; left_at: string | null; scene: string | null; inviter_id: string | null; role: string | null; joins: number }>();
  for (const ch of changes) {
    const k = `${ch.community_id}|${ch.member_id}`;
    let f = folded.get(k);
    if (!f) folded.set(k, (f = { community_id: ch.community_id, member_id: ch.member_id, joined_at: null, left_at: null, scene: null, inviter_id: null, role: null, joins: 0 }));
    if (ch.kind === 'join') {
      f.joins++;
      if (!f.joined_at || ch.at >= f.joined_at) { f.joined_at = ch.at; f.scene = ch.scene; f.inviter_id = ch.inviter_id; f.role = ch.role ?? f.role; }
    } else if (ch.kind === 'leave' && (!f.left_at || ch.at > f.left_at)) {
      f.left_at = ch.at;
    }
  }
  // A member is in the group when their latest join is newer than their latest leave; comparing the
  // newest of each (stored and incoming) makes the result independent of arrival order.
  await ctx.db.execute(sql`
    insert into memberships as ms (workspace_id, community_id, member_id, role, joined_at, left_at, join_scene, inviter_member_id, join_count)
    select ${ctx.workspaceId}, x.community_id, x.member_id, coalesce(x.role, 'member'), x.joined_at,
           case when x.joined_at is not null and x.left_at is not null and x.joined_at > x.left_at then null else x.left_at end,
           x.scene, x.inviter_id, x.joins
    from jsonb_to_recordset(${JSON.stringify([...folded.values()])}::jsonb)
      as x(community_id uuid, member_id uuid, joined_at timestamptz, left_at timestamptz, scene text, inviter_id uuid, role text, joins int)
    order by x.community_id, x.member_id
    on conflict (workspace_id, community_id, member_id) do update set
      joined_at = greatest(ms.joined_at, excluded.joined_at),
      left_at = case when greatest(ms.left_at, excluded.left_at) is null then null
                     when greatest(ms.joined_at, excluded.joined_at) > greatest(ms.left_at, excluded.left_at) then null
                     else greatest(ms.left_at, excluded.left_at) end,
      join_scene = case when excluded.joined_at >= coalesce(ms.joined_at, excluded.joined_at) then coalesce(excluded.join_scene, ms.join_scene) else ms.join_scene end,
      inviter_member_id = coalesce(ms.inviter_member_id, excluded.inviter_member_id),
      role = case when excluded.role <> 'member' then excluded.role else ms.role end,
      join_count = ms.join_count + excluded.join_count`);
}

/** Keeps each member's first-seen and last-active times; `at` maps member id to an ISO time. */
export async function touchMembers(ctx: TenantCtx, lastActive: Map<string, string>): Promise<void> {
  if (!lastActive.size) return;
  await ctx.db.execute(sql`
    update members m set last_active_at = greatest(m.last_active_at, x.at), first_seen_at = least(m.first_seen_at, x.at)
    from jsonb_to_recordset(${JSON.stringify([...lastActive].sort(([a], [b]) => compare(a, b)).map(([id, at]) => ({ id, at })))}::jsonb) as x(id uuid, at timestamptz)
    where m.workspace_id = ${ctx.workspaceId} and m.id = x.id`);
}
