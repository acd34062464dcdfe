import { one, sql } from '../../db/client.js';
import { AppError, notFound } from '../../core/errors.js';
import type { TenantCtx } from '../../core/context.js';
import { enqueueAction, ensureOutbound, type ActionRow } from '../automation/enqueue-action.js';
import { recordAudit } from '../workspace/record-audit.js';
import { getCommunity } from './communities.js';

export interface MembershipActionInput { memberId: string; reason?: string; idempotencyKey: string }

const conflict = (path: string, message: string) => new AppError('conflict', `${path}: ${message}`, [{ path, message }]);

/**
 * Queues an invitation into, or a removal from, a group on its own platform. The membership itself changes
 * only when the platform reports the join or leave back as an event, so what Shequn shows is what happened.
 */
export async function queueMembershipAction(ctx: TenantCtx, kind: 'invite' | 'remove', communityId: string, input: MembershipActionInput): Promise<ActionRow> {
  const community = await getCommunity(ctx, communityId);
  if (community.status !== 'active') throw conflict('community', `is ${community.status}`);
  ensureOutbound(community.channel);
  const target = await one<{ optedOut: boolean; hasIdentity: boolean; inGroup: boolean }>(ctx.db, sql`
    select m.opted_out as "optedOut",
      exists (select 1 from member_identities i where i.workspace_id = m.workspace_id and i.member_id = m.id and i.channel = ${community.channel}) as "hasIdentity",
      exists (select 1 from memberships s where s.workspace_id = m.workspace_id and s.member_id = m.id and s.community_id = ${community.id}
              and s.left_at is null) as "inGroup"
    from members m where m.workspace_id = ${ctx.workspaceId} and m.id = ${input.memberId}`);
  if (!target) throw notFound('member');
  // The platform can only act on an account it knows; a member met on another channel has none here.
  if (!target.hasIdentity) throw conflict('memberId', `member has no ${community.channel} account`);
  if (kind === 'invite') {
    if (target.inGroup) throw conflict('memberId', 'member is already in this group');
    if (target.optedOut) throw conflict('memberId', 'member opted out of being contacted');
    if (community.memberCount >= community.capacity) throw conflict('community', `is full (${community.memberCount} of ${community.capacity})`);
  } else if (!target.inGroup) {
    throw conflict('memberId', 'member is not in this group');
  }
  const action = await enqueueAction(ctx, {
    idempotencyKey: input.idempotencyKey, kind, channel: community.channel, communityId: community.id, memberId: input.memberId,
    payload: input.reason ? { reason: input.reason } : {},
  });
  await recordAudit(ctx, kind === 'invite' ? 'member.invite_requested' : 'member.removal_requested', 'member', input.memberId,
    { communityId: community.id, actionId: action.id, ...(input.reason ? { reason: input.reason } : {}) });
  return action;
}
