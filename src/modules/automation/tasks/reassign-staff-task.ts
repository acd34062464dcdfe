import { sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { AppError } from '../../../core/errors.js';
import { recordAudit } from '../../workspace/record-audit.js';
import { parseInput, reassignStaffTaskSchema, type ReassignStaffTaskInput, type StaffTask } from './contracts.js';
import { getStaffTask, lockStaffTask } from './get-staff-task.js';
import { checkAssignee } from './assignees.js';

/** Gives an open task to someone else, or back to the unassigned pool (assigneeId null). */
export async function reassignStaffTask(ctx: TenantCtx, input: ReassignStaffTaskInput): Promise<StaffTask> {
  const v = parseInput(reassignStaffTaskSchema, input);
  const task = await lockStaffTask(ctx, v.id);
  if (v.assigneeId === undefined || v.assigneeId === task.assigneeId) return getStaffTask(ctx, v.id);
  if (task.status !== 'open') {
    throw new AppError('conflict', `status: the task is ${task.status}; only open tasks can be reassigned`, [{ path: 'status', message: `the task is ${task.status}` }]);
  }
  if (v.assigneeId) await checkAssignee(ctx, v.assigneeId);
  await ctx.db.execute(sql`update staff_tasks set assignee_id = ${v.assigneeId} where workspace_id = ${ctx.workspaceId} and id = ${v.id}`);
  await recordAudit(ctx, 'staff_task.reassigned', 'staff_task', v.id, { from: task.assigneeId, to: v.assigneeId });
  return getStaffTask(ctx, v.id);
}
