import { sql } from '../../../db/client.js';
import { actorUserId, type TenantCtx } from '../../../core/context.js';
import { AppError } from '../../../core/errors.js';
import { recordAudit } from '../../workspace/record-audit.js';
import { closeStaffTaskSchema, parseInput, type CloseStaffTaskInput, type StaffTask } from './contracts.js';
import { getStaffTask, lockStaffTask } from './get-staff-task.js';

/**
 * Closes a task without doing it. Dismissing it again answers it as it is. A send handed over to staff is
 * then cancelled, with the note as the reason, so it is neither sent nor retried, and no longer counts
 * against the daily caps of its hand-over day.
 */
export async function dismissStaffTask(ctx: TenantCtx, input: CloseStaffTaskInput): Promise<StaffTask> {
  const v = parseInput(closeStaffTaskSchema, input);
  const task = await lockStaffTask(ctx, v.id);
  if (task.status === 'dismissed') return getStaffTask(ctx, v.id);
  if (task.status === 'done') {
    throw new AppError('conflict', 'status: the task is already done and cannot be dismissed', [{ path: 'status', message: 'the task is already done' }]);
  }
  await ctx.db.execute(sql`
    update staff_tasks set status = 'dismissed', closed_at = now(), closed_by = ${actorUserId(ctx.actor)}, note = ${v.note || null}
    where workspace_id = ${ctx.workspaceId} and id = ${v.id}`);
  if (task.actionId) {
    const reason = `dismissed by staff${v.note ? `: ${v.note}` : ''}`.slice(0, 500);
    await ctx.db.execute(sql`
      update actions set status = 'cancelled', last_error = ${reason}
      where workspace_id = ${ctx.workspaceId} and id = ${task.actionId} and status = 'awaiting_staff'`);
  }
  await recordAudit(ctx, 'staff_task.dismissed', 'staff_task', v.id, { ...(v.note ? { note: v.note } : {}), ...(task.actionId ? { actionId: task.actionId } : {}) });
  return getStaffTask(ctx, v.id);
}
