import { one, sql, type SQL } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';
import type { StaffTask } from './contracts.js';

/** A task with the names the today page shows; callers add `where` on t (workspace first). */
export const SELECT_TASKS: SQL = sql`
  select t.id, t.kind, t.title, t.body, t.media, t.community_id as "communityId", c.name as "communityName",
         t.member_id as "memberId", m.display_name as "memberName", t.assignee_id as "assigneeId", au.name as "assigneeName",
         t.due_at as "dueAt", t.status, t.closed_at as "closedAt", t.closed_by as "closedBy", cu.name as "closedByName", t.note,
         t.action_id as "actionId", a.status as "actionStatus", t.idempotency_key as "idempotencyKey",
         t.created_by as "createdBy", t.created_at as "createdAt"
  from staff_tasks t
  left join communities c on c.workspace_id = t.workspace_id and c.id = t.community_id
  left join members m on m.workspace_id = t.workspace_id and m.id = t.member_id
  left join actions a on a.workspace_id = t.workspace_id and a.id = t.action_id
  left join users au on au.id = t.assignee_id
  left join users cu on cu.id = t.closed_by`;

/** One task of the caller's workspace; another workspace's is "not found" like a missing one. */
export async function getStaffTask(ctx: TenantCtx, id: string): Promise<StaffTask> {
  const task = await one<StaffTask>(ctx.db, sql`${SELECT_TASKS} where t.workspace_id = ${ctx.workspaceId} and t.id = ${id}`);
  if (!task) throw notFound('staff task');
  return task;
}

/** Locks the task's row for a state change, so two people closing it at once are ordered. */
export async function lockStaffTask(ctx: TenantCtx, id: string): Promise<{ status: StaffTask['status']; assigneeId: string | null; actionId: string | null }> {
  const row = await one<{ status: StaffTask['status']; assigneeId: string | null; actionId: string | null }>(ctx.db, sql`
    select status, assignee_id as "assigneeId", action_id as "actionId" from staff_tasks
    where workspace_id = ${ctx.workspaceId} and id = ${id} for update`);
  if (!row) throw notFound('staff task');
  return row;
}
