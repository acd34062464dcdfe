import { rows, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import type { StoredEvent } from '../../event-listeners.js';
import { liveCodeJoinsOf } from '../live-codes/source-activity.js';
import { inWindow } from './campaign-row.js';

interface Claim {
  eventId: string; participantId: string; campaignId: string; inviterId: string; inviteeId: string; communityId: string;
  joinedAt: Date; holdHours: number; isNew: boolean;
}

/**
 * Event listener (src/modules/event-listeners.ts), after attributeLiveCodeJoins: a join the live code
 * attributed to a participant's source ("fx-...") becomes a pending invite of that participant, due when the
 * campaign's hold time has passed (qualify-invite.ts settles it). Recorded void at once, and so never counted:
 * the inviter's own join (self), and a friend who was a member of any group of the workspace before (not
 * new: their other memberships, or an earlier join of this very group). A friend counts for one inviter per
 * campaign, the first. A `member.left` before the hold time ends voids the member's pending invites of that
 * group (left); one after it leaves them to qualify, since the friend did stay the hold time.
 */
export async function recordFissionJoins(ctx: TenantCtx, events: readonly StoredEvent[]): Promise<void> {
  const joins = events.filter((e) => e.type === 'member.joined' && e.communityId && e.data.liveCode);
  if (joins.length) {
    const attributed = (await liveCodeJoinsOf(ctx, joins.map((e) => e.id))).filter((j) => j.source?.startsWith('fx-'));
    if (attributed.length) await recordInvites(ctx, attributed);
  }
  const leaves = events.filter((e) => e.type === 'member.left' && e.communityId);
  if (!leaves.length) return;
  // One statement for the whole batch: an imported chat history can bring thousands of leaves.
  const left = JSON.stringify(leaves.map((e) => ({ member_id: e.memberId, community_id: e.communityId, at: e.occurredAt.toISOString() })));
  await ctx.db.execute(sql`
    with l as (select * from jsonb_to_recordset(${left}::jsonb) as x(member_id uuid, community_id uuid, at timestamptz)),
    hit as (
      select i.id, min(l.at) as at from fission_invites i
      join l on l.member_id = i.invitee_member_id and l.community_id = i.community_id and l.at >= i.joined_at and l.at < i.due_at
      where i.workspace_id = ${ctx.workspaceId} and i.status = 'pending' group by i.id
    )
    update fission_invites i set status = 'void', void_reason = 'left', settled_at = hit.at
    from hit where i.workspace_id = ${ctx.workspaceId} and i.id = hit.id`);
}

async function recordInvites(ctx: TenantCtx, attributed: Awaited<ReturnType<typeof liveCodeJoinsOf>>): Promise<void> {
  const input = JSON.stringify(attributed.map((j) => ({ event_id: j.eventId, live_code_id: j.liveCodeId, community_id: j.communityId,
    member_id: j.memberId, source: j.source, joined_at: j.joinedAt.toISOString() })));
  // New to the workspace: no membership of another group begun before this join (or seen without a join),
  // and this group joined this once.
  const claims = await rows<Claim>(ctx.db, sql`
    select j.event_id as "eventId", p.id as "participantId", c.id as "campaignId", p.member_id as "inviterId", j.member_id as "inviteeId",
      j.community_id as "communityId", j.joined_at as "joinedAt", c.hold_hours as "holdHours",
      not exists (select 1 from memberships o where o.workspace_id = p.workspace_id and o.member_id = j.member_id
          and ((o.community_id <> j.community_id and (o.joined_at is null or o.joined_at < j.joined_at))
            or (o.community_id = j.community_id and o.join_count > 1))) as "isNew"
    from jsonb_to_recordset(${input}::jsonb)
      as j(event_id text, live_code_id uuid, community_id uuid, member_id uuid, source text, joined_at timestamptz)
    join fission_participants p on p.workspace_id = ${ctx.workspaceId} and p.source = j.source
    join fission_campaigns c on c.workspace_id = p.workspace_id and c.id = p.campaign_id and c.live_code_id = j.live_code_id
    where ${inWindow(sql`j.joined_at`)}
    order by j.joined_at, j.event_id`);
  for (const c of claims) {
    const verdict = c.inviteeId === c.inviterId ? 'self' : !c.isNew ? 'not_new' : null;
    await ctx.db.execute(sql`
      insert into fission_invites (workspace_id, campaign_id, participant_id, invitee_member_id, community_id, event_id, joined_at, due_at,
        status, void_reason, settled_at)
      values (${ctx.workspaceId}, ${c.campaignId}, ${c.participantId}, ${c.inviteeId}, ${c.communityId}, ${c.eventId}, ${c.joinedAt.toISOString()},
        ${c.joinedAt.toISOString()}::timestamptz + make_interval(hours => ${c.holdHours}), ${verdict ? 'void' : 'pending'}, ${verdict},
        ${verdict ? c.joinedAt.toISOString() : null}::timestamptz)
      on conflict (workspace_id, campaign_id, invitee_member_id) do nothing`);
  }
}
