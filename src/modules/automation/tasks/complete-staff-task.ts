import { sql } from '../../../db/client.js';
import { actorUserId, type TenantCtx } from '../../../core/context.js';
import { AppError } from '../../../core/errors.js';
import { recordAudit } from '../../workspace/record-audit.js';
import { closeStaffTaskSchema, parseInput, type CloseStaffTaskInput, type StaffTask } from './contracts.js';
import { getStaffTask, lockStaffTask } from './get-staff-task.js';

/**
 * Marks a task done. Completing it again answers it as it is (a double click, a retried request). For a
 * send handed over to staff, the action becomes 'sent' at the completion time, so outcome tracking counts
 * from when the person actually sent it. Its handed_over_at stays: the daily caps have counted it on the
 * hand-over day since then, and keep counting it there, once (guardrails/count-sent-today.ts).
 */
export async function completeStaffTask(ctx: TenantCtx, input: CloseStaffTaskInput): Promise<StaffTask> {
  const v = parseInput(closeStaffTaskSchema, input);
  const task = await lockStaffTask(ctx, v.id);
  if (task.status === 'done') return getStaffTask(ctx, v.id);
  if (task.status === 'dismissed') {
    throw new AppError('conflict', 'status: the task was dismissed and cannot be completed', [{ path: 'status', message: 'the task was dismissed' }]);
  }
  await ctx.db.execute(sql`
    update staff_tasks set status = 'done', closed_at = now(), closed_by = ${actorUserId(ctx.actor)}, note = ${v.note || null}
    where workspace_id = ${ctx.workspaceId} and id = ${v.id}`);
  if (task.actionId) {
    // Only an action still waiting for a person: one cancelled meanwhile stays cancelled.
    await ctx.db.execute(sql`
      update actions a set status = 'sent', sent_at = t.closed_at, last_error = null
      from staff_tasks t
      where t.workspace_id = ${ctx.workspaceId} and t.id = ${v.id}
        and a.workspace_id = t.workspace_id and a.id = t.action_id and a.status = 'awaiting_staff'`);
  }
  await recordAudit(ctx, 'staff_task.completed', 'staff_task', v.id, { ...(v.note ? { note: v.note } : {}), ...(task.actionId ? { actionId: task.actionId } : {}) });
  return getStaffTask(ctx, v.id);
}
