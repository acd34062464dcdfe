import { rows, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import type { StoredEvent } from '../../event-listeners.js';
import { mentionPayload, type Newcomer, type WelcomeMarker } from './mentions.js';

/**
 * Event listener, in the intake transaction: a member who leaves a group gets nothing more from its welcome
 * flow. Their undelivered private welcome and journey steps are cancelled ('member left'), and the group
 * messages still waiting (a welcome held by quiet hours, a journey step) stop mentioning them; one left
 * with nobody to mention is cancelled too. Only a member who is out of the group now counts: a leave reported
 * late, after they rejoined, changes nothing.
 */
export async function cancelWelcomesOnLeave(ctx: TenantCtx, events: readonly StoredEvent[]): Promise<void> {
  const leaves = [...new Map(events.filter((e) => e.type === 'member.left' && e.communityId)
    .map((e) => [`${e.communityId}|${e.memberId}`, { communityId: e.communityId, memberId: e.memberId }])).values()];
  if (!leaves.length) return;
  const gone = JSON.stringify(leaves);
  await ctx.db.execute(sql`
    update actions a set status = 'cancelled', last_error = 'member left'
    from jsonb_to_recordset(${gone}::jsonb) as x("communityId" uuid, "memberId" uuid)
    where a.workspace_id = ${ctx.workspaceId} and a.community_id = x."communityId" and a.member_id = x."memberId"
      and a.status = 'pending' and a.payload ? 'welcome' and a.kind = 'send_private'
      and exists (select 1 from memberships ms where ms.workspace_id = a.workspace_id and ms.community_id = a.community_id
                    and ms.member_id = a.member_id and ms.left_at is not null)`);

  // Group messages have no member_id; their newcomers are in the marker. Locked, as the dispatcher may claim them.
  const groupActions = await rows<{ id: string; communityId: string; payload: Record<string, any> }>(ctx.db, sql`
    select a.id, a.community_id as "communityId", a.payload from actions a
    where a.workspace_id = ${ctx.workspaceId} and a.status = 'pending' and a.payload ? 'welcome' and a.kind = 'send_group'
      and a.community_id in (select distinct x."communityId" from jsonb_to_recordset(${gone}::jsonb) as x("communityId" uuid))
    order by a.id for update`);
  if (!groupActions.length) return;
  const stillOut = new Set((await rows<{ key: string }>(ctx.db, sql`
    select ms.community_id || '|' || ms.member_id as key from memberships ms
    join jsonb_to_recordset(${gone}::jsonb) as x("communityId" uuid, "memberId" uuid) on ms.community_id = x."communityId" and ms.member_id = x."memberId"
    where ms.workspace_id = ${ctx.workspaceId} and ms.left_at is not null`)).map((r) => r.key));
  for (const a of groupActions) {
    const marker = a.payload.welcome as WelcomeMarker;
    const before: Newcomer[] = marker.newcomers ?? [];
    const after = before.filter((n) => !stillOut.has(`${a.communityId}|${n.memberId}`));
    if (after.length === before.length || !marker.body) continue;
    if (!after.length) {
      await ctx.db.execute(sql`update actions set status = 'cancelled', last_error = 'all newcomers left'
        where workspace_id = ${ctx.workspaceId} and id = ${a.id}`);
      continue;
    }
    const patch = { ...mentionPayload(a.payload, after, marker.body), welcome: { ...marker, newcomers: after } };
    await ctx.db.execute(sql`update actions set payload = payload || ${JSON.stringify(patch)}::jsonb
      where workspace_id = ${ctx.workspaceId} and id = ${a.id}`);
  }
}
