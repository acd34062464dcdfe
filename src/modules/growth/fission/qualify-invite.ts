import { one, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { awardActivityPoints } from '../../loyalty/points/award-activity-points.js';
import { completeParticipant } from './complete-participant.js';
import { notifyInviter } from './notify-inviter.js';
import { renderMessage } from './render-message.js';

export type Settlement = 'qualified' | 'void' | 'skipped';

/**
 * Settles one pending invite whose hold time has passed by `now`: the friend still in the group it joined
 * (or who left only after the hold time ended) qualifies (counted once on the inviter, the progress message queued, completion at the goal); one who is
 * no longer there is void. Idempotent under concurrency: the row lock with its `status = 'pending'` guard
 * lets exactly one caller settle it; another waits, finds it settled and skips.
 */
export async function qualifyInvite(ctx: TenantCtx, inviteId: string, now = new Date()): Promise<Settlement> {
  const invite = await one<{ participantId: string; stillThere: boolean }>(ctx.db, sql`
    select i.participant_id as "participantId",
      exists (select 1 from memberships s where s.workspace_id = i.workspace_id and s.member_id = i.invitee_member_id
              and s.community_id = i.community_id and (s.left_at is null or s.left_at >= i.due_at)) as "stillThere"
    from fission_invites i
    where i.workspace_id = ${ctx.workspaceId} and i.id = ${inviteId} and i.status = 'pending' and i.due_at <= ${now.toISOString()}::timestamptz
    for update of i`);
  if (!invite) return 'skipped';
  if (!invite.stillThere) {
    await ctx.db.execute(sql`
      update fission_invites set status = 'void', void_reason = 'left', settled_at = ${now.toISOString()}
      where workspace_id = ${ctx.workspaceId} and id = ${inviteId}`);
    return 'void';
  }
  await ctx.db.execute(sql`
    update fission_invites set status = 'qualified', settled_at = ${now.toISOString()} where workspace_id = ${ctx.workspaceId} and id = ${inviteId}`);
  // The increment takes the participant's row lock: concurrent qualifications of one inviter count in turn,
  // and the one that reaches the goal is the one that completes.
  const p = (await one<{ campaignId: string; memberId: string; name: string; campaign: string; invitee: string; qualified: number; goal: number;
    completed: boolean; progressText: string }>(ctx.db, sql`
    update fission_participants p set qualified = p.qualified + 1
    from fission_campaigns c, members m, fission_invites i, members f
    where p.workspace_id = ${ctx.workspaceId} and p.id = ${invite.participantId} and c.workspace_id = p.workspace_id and c.id = p.campaign_id
      and m.workspace_id = p.workspace_id and m.id = p.member_id and i.workspace_id = p.workspace_id and i.id = ${inviteId}
      and f.workspace_id = p.workspace_id and f.id = i.invitee_member_id
    returning c.id as "campaignId", p.member_id as "memberId", m.display_name as name, c.name as campaign, f.display_name as invitee,
      p.qualified, c.goal, p.completed_at is not null as completed, c.messages->>'progress' as "progressText"`))!;
  // The loyalty 'invite' earn rule (docs/points.md) pays per qualified friend, with its own daily cap; the
  // campaign's completion reward is on top of it.
  await awardActivityPoints(ctx, { memberId: p.memberId, activity: 'invite', idempotencyKey: `invite:${inviteId}`, at: now });
  // Past the goal a friend still counts on the leaderboard, but the task is done: no more progress messages.
  if (!p.completed && p.qualified <= p.goal) {
    await notifyInviter(ctx, {
      campaignId: p.campaignId, memberId: p.memberId, key: `fission:invite:${inviteId}:progress`,
      text: renderMessage(p.progressText, { name: p.name, campaign: p.campaign, invitee: p.invitee, qualified: p.qualified, goal: p.goal, remaining: Math.max(0, p.goal - p.qualified) }),
    });
  }
  if (!p.completed && p.qualified >= p.goal) await completeParticipant(ctx, invite.participantId, now);
  return 'qualified';
}
