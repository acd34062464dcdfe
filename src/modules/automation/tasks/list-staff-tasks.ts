import { sql, type SQL } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { invalid } from '../../../core/errors.js';
import { paginate, type Page } from '../../../core/pagination.js';
import { listStaffTasksSchema, parseInput, type ListStaffTasksInput, type StaffTask } from './contracts.js';
import { SELECT_TASKS } from './get-staff-task.js';

/**
 * Tasks of the workspace, soonest due first (the order a person works through them). "mine" is the
 * signed-in staff member's; an API key has no "mine" and names the user instead.
 */
export function listStaffTasks(ctx: TenantCtx, input: ListStaffTasksInput = {}): Promise<Page<StaffTask>> {
  const q = parseInput(listStaffTasksSchema, input);
  const where: SQL[] = [sql`t.workspace_id = ${ctx.workspaceId}`];
  if (q.assignee === 'mine') {
    if (ctx.actor.kind !== 'user') throw invalid('assignee', '"mine" needs a staff session; pass the staff member\'s user id');
    where.push(sql`t.assignee_id = ${ctx.actor.userId}`);
  } else if (q.assignee === 'unassigned') {
    where.push(sql`t.assignee_id is null`);
  } else if (q.assignee) {
    where.push(sql`t.assignee_id = ${q.assignee}`);
  }
  if (q.status) where.push(sql`t.status = ${q.status}`);
  if (q.dueBefore) where.push(sql`t.due_at <= ${q.dueBefore.toISOString()}::timestamptz`);
  return paginate<StaffTask>(ctx.db, q, sql`${SELECT_TASKS} where ${sql.join(where, sql` and `)}`, sql`"dueAt", "createdAt", id`);
}
