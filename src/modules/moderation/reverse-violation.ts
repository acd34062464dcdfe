import { one, sql } from '../../db/client.js';
import { actorUserId, type TenantCtx } from '../../core/context.js';
import { AppError, notFound } from '../../core/errors.js';
import { parseInput } from '../automation/tasks/contracts.js';
import { cancelAction } from '../automation/outbox/change-action.js';
import { queueMembershipAction } from '../community/membership-action.js';
import { recordAudit } from '../workspace/record-audit.js';
import { reversalSchema, type Violation } from './contracts.js';
import { getViolation } from './get-violation.js';
import { lockMemberStrikes } from './strikes.js';

export interface Reversal { violation: Violation; note: string }

/**
 * Staff reverse a decision (an appeal upheld): the strike stops counting towards the member's ladder, and
 * its action is withdrawn while it is still pending. What has already happened on the platform stays: a
 * warning was posted, a removal cannot be undone by Shequn. After a removal staff may ask for an invitation
 * back into the group (the community module's invite action).
 */
export async function reverseViolation(ctx: TenantCtx, id: string, input: unknown): Promise<Reversal> {
  const v = parseInput(reversalSchema, input);
  const found = await one<{ memberId: string }>(ctx.db, sql`select member_id as "memberId" from moderation_violations where workspace_id = ${ctx.workspaceId} and id = ${id}`);
  if (!found) throw notFound('violation');
  await lockMemberStrikes(ctx, found.memberId);
  const before = await getViolation(ctx, id);
  if (before.status === 'reversed') throw new AppError('conflict', 'status: already reversed', [{ path: 'status', message: 'already reversed' }]);
  let note = 'the strike no longer counts';
  let cancelled = false;
  if (before.actionId && before.actionStatus === 'pending') {
    await cancelAction(ctx, before.actionId);
    cancelled = true;
    note += '; its action was still pending and is cancelled';
  } else if (before.step === 'remove' && before.actionStatus && before.actionStatus !== 'cancelled' && before.actionStatus !== 'failed') {
    note += '; the removal has already gone to the platform and cannot be undone there';
  }
  let reinviteId: string | null = null;
  if (v.reinvite && before.step === 'remove' && !cancelled && before.communityId) {
    const invite = await queueMembershipAction(ctx, 'invite', before.communityId, { memberId: before.memberId, idempotencyKey: `moderation:reinvite:${id}`, reason: v.reason });
    reinviteId = invite.id;
    note += '; an invitation back into the group is queued';
  }
  await ctx.db.execute(sql`
    update moderation_violations set status = 'reversed', reversed_by = ${actorUserId(ctx.actor)}, reversed_at = now(),
      reversed_reason = ${v.reason}, reinvite_action_id = ${reinviteId}
    where workspace_id = ${ctx.workspaceId} and id = ${id}`);
  await recordAudit(ctx, 'moderation.violation_reversed', 'moderation_violation', id, { reason: v.reason, cancelled, reinviteActionId: reinviteId });
  return { violation: await getViolation(ctx, id), note };
}
