import { one, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { AppError } from '../../../core/errors.js';
import type { ChannelAdapter } from '../../../channels/types.js';
import type { StaffTask } from './contracts.js';
import { createStaffTask } from './create-staff-task.js';
import { getStaffTask } from './get-staff-task.js';
import { firstActionable } from './assignees.js';
import { actionTaskKey, lockAction, permanentOnRefusal } from './outbox-action.js';

/** Whether the channel's platform makes a person perform this kind of action (adapter.assisted). */
export const needsStaff = (adapter: Pick<ChannelAdapter, 'assisted'>, kind: string): boolean =>
  (adapter.assisted as readonly string[] | undefined)?.includes(kind) ?? false;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Assisted delivery: instead of calling the platform, gives the action to a person as a confirm_send task
 * carrying the content to send, and parks the action in 'awaiting_staff' so the worker does not claim it
 * again. Completing the task marks the action sent, dismissing it cancelled. From the hand-over on, the
 * action counts against the daily marketing caps of the hand-over day, unless dismissed. The task goes to
 * the staff member the payload names (assigneeId), else to the group's owner on staff (their account owns
 * the group on the platform, so theirs is the app that confirms), else to the unassigned pool.
 */
export async function handOverToStaff(ctx: TenantCtx, action: { id: string }): Promise<StaffTask> {
  const row = await lockAction(ctx, action.id);
  if (!['pending', 'sending', 'awaiting_staff'].includes(row.status)) {
    throw new AppError('conflict', `action ${row.id} is ${row.status}; only an undelivered action can be handed over`);
  }
  const community = row.communityId
    ? await one<{ name: string; ownerStaffId: string | null }>(ctx.db, sql`
        select name, owner_staff_id as "ownerStaffId" from communities where workspace_id = ${ctx.workspaceId} and id = ${row.communityId}`)
    : undefined;
  const member = row.memberId
    ? await one<{ name: string }>(ctx.db, sql`select display_name as name from members where workspace_id = ${ctx.workspaceId} and id = ${row.memberId}`)
    : undefined;
  const p = row.payload;
  const assigneeId = await firstActionable(ctx, [typeof p.assigneeId === 'string' ? p.assigneeId : null, community?.ownerStaffId]);
  const task = await permanentOnRefusal(() => createStaffTask(ctx, {
    kind: 'confirm_send',
    title: titleOf(row.kind, community?.name, member?.name),
    body: typeof p.text === 'string' ? p.text : '',
    media: Array.isArray(p.media) ? p.media.filter(isObject) : [],
    communityId: row.communityId, memberId: row.memberId, assigneeId,
    actionId: row.id, idempotencyKey: actionTaskKey(row.id),
  }));
  // handed_over_at dates the send for the daily caps (guardrails/count-sent-today.ts): it counts from
  // now, while it waits and after it is confirmed. now() is the clock checkDelivery counted with, in this
  // same transaction, under its cap lock. An action already awaiting staff keeps its first hand-over time.
  await ctx.db.execute(sql`
    update actions set status = 'awaiting_staff', last_error = null, handed_over_at = now()
    where workspace_id = ${ctx.workspaceId} and id = ${row.id} and status in ('pending', 'sending')`);
  // Read again: the answer shows the action's new status.
  return getStaffTask(ctx, task.id);
}

// Titles are stored in Chinese, the product's first language; the console labels the kind in either.
function titleOf(kind: string, community: string | undefined, member: string | undefined): string {
  const title = (() => {
    switch (kind) {
      case 'send_group': return `确认群发：${community ?? '未知群'}`;
      case 'send_private': return `确认私聊发送：${member ?? '未知成员'}`;
      case 'invite': return `确认邀请 ${member ?? '成员'} 入群：${community ?? '未知群'}`;
      case 'remove': return `确认将 ${member ?? '成员'} 移出：${community ?? '未知群'}`;
      default: return `确认执行 ${kind}${community ? `：${community}` : ''}`;
    }
  })();
  return title.slice(0, 200);
}
