import { one, sql, type Db } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { AppError } from '../../../core/errors.js';
import { queueMembershipAction } from '../../community/membership-action.js';
import { recordAudit } from '../../workspace/record-audit.js';
import { notifyInviter } from './notify-inviter.js';
import { payReward } from './pay-reward.js';
import { renderMessage } from './render-message.js';

interface Completer {
  campaignId: string; campaignName: string; memberId: string; name: string; goal: number; qualified: number;
  rewardKind: 'none' | 'points' | 'reward'; rewardPoints: number | null; rewardId: string | null; vipCommunityId: string | null; completedText: string;
}

/**
 * A participant reached the goal: marks them completed, once (the guarded update is the only way in, and the
 * caller holds the participant's row lock), then pays the reward, invites them into the VIP group if the
 * campaign has one, and queues the completion message, each keyed by campaign and member.
 */
export async function completeParticipant(ctx: TenantCtx, participantId: string, now: Date): Promise<boolean> {
  const p = await one<Completer>(ctx.db, sql`
    update fission_participants p set completed_at = ${now.toISOString()}
    from fission_campaigns c, members m
    where p.workspace_id = ${ctx.workspaceId} and p.id = ${participantId} and p.completed_at is null and p.qualified >= c.goal
      and c.workspace_id = p.workspace_id and c.id = p.campaign_id and m.workspace_id = p.workspace_id and m.id = p.member_id
    returning c.id as "campaignId", c.name as "campaignName", p.member_id as "memberId", m.display_name as name, c.goal, p.qualified,
      c.reward_kind as "rewardKind", c.reward_points as "rewardPoints", c.reward_id as "rewardId", c.vip_community_id as "vipCommunityId",
      c.messages->>'completed' as "completedText"`);
  if (!p) return false;
  const paid = await payReward(ctx, p.memberId, { campaignId: p.campaignId, campaignName: p.campaignName, kind: p.rewardKind, points: p.rewardPoints, rewardId: p.rewardId });
  const vip = p.vipCommunityId ? await inviteToVip(ctx, p.vipCommunityId, p.memberId, `fission:${p.campaignId}:${p.memberId}:vip`, p.campaignName) : null;
  await ctx.db.execute(sql`
    update fission_participants set reward_status = ${paid.status}, reward_ref = ${paid.ref}, reward_cost = ${paid.status === 'paid' ? paid.cost : null}, reward_note = ${vip?.error ? [paid.note, vip.error].filter(Boolean).join('; ') : paid.note},
      vip_action_id = ${vip?.actionId ?? null}
    where workspace_id = ${ctx.workspaceId} and id = ${participantId}`);
  await notifyInviter(ctx, {
    campaignId: p.campaignId, memberId: p.memberId, key: `fission:${p.campaignId}:${p.memberId}:completed`,
    text: renderMessage(p.completedText, { name: p.name, campaign: p.campaignName, invitee: '', qualified: p.qualified, goal: p.goal, remaining: 0 }),
  });
  await recordAudit(ctx, 'fission_campaign.completed', 'fission_campaign', p.campaignId, { memberId: p.memberId, reward: paid, vip });
  return true;
}

/**
 * Invites the completer into the VIP group through the community module's verb (an outbox action). Its
 * refusals (already in the group, opted out, the group full) are recorded, not thrown, in a savepoint so
 * nothing half-written stays.
 */
async function inviteToVip(ctx: TenantCtx, communityId: string, memberId: string, key: string, campaign: string): Promise<{ actionId: string | null; error: string | null }> {
  try {
    const action = await ctx.db.transaction((tx) => queueMembershipAction({ ...ctx, db: tx as unknown as Db }, 'invite', communityId, {
      memberId, idempotencyKey: key, reason: `fission: ${campaign}`,
    }));
    return { actionId: action.id, error: null };
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    return { actionId: null, error: `VIP group: ${err.message}` };
  }
}
