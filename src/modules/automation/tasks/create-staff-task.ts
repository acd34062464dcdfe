import { randomUUID } from 'node:crypto';
import { one, sql } from '../../../db/client.js';
import { actorUserId, type TenantCtx } from '../../../core/context.js';
import { AppError } from '../../../core/errors.js';
import { recordAudit } from '../../workspace/record-audit.js';
import { createStaffTaskSchema, parseInput, type CreateStaffTaskInput, type StaffTask } from './contracts.js';
import { getStaffTask } from './get-staff-task.js';
import { checkAssignee } from './assignees.js';

const missing = (field: string, what: string) =>
  new AppError('not_found', `${field}: ${what} not found`, [{ path: field, message: `${what} not found` }]);

/**
 * Creates a task for a person. The idempotency key makes a rule that fires twice (or an outbox action
 * delivered twice) answer the task it already made, unchanged and without a second audit entry.
 */
export async function createStaffTask(ctx: TenantCtx, input: CreateStaffTaskInput): Promise<StaffTask> {
  const v = parseInput(createStaffTaskSchema, input);
  const key = v.idempotencyKey ?? `manual:${randomUUID()}`;
  const existing = await one<{ id: string }>(ctx.db, sql`select id from staff_tasks where workspace_id = ${ctx.workspaceId} and idempotency_key = ${key}`);
  if (existing) return getStaffTask(ctx, existing.id);

  // Checked here rather than left to the foreign keys, so the error names the field and another
  // workspace's rows read as unknown.
  if (v.communityId && !(await one(ctx.db, sql`select 1 from communities where workspace_id = ${ctx.workspaceId} and id = ${v.communityId}`))) {
    throw missing('communityId', 'community');
  }
  if (v.memberId && !(await one(ctx.db, sql`select 1 from members where workspace_id = ${ctx.workspaceId} and id = ${v.memberId}`))) {
    throw missing('memberId', 'member');
  }
  if (v.actionId && !(await one(ctx.db, sql`select 1 from actions where workspace_id = ${ctx.workspaceId} and id = ${v.actionId}`))) {
    throw missing('actionId', 'action');
  }
  if (v.assigneeId) await checkAssignee(ctx, v.assigneeId);

  const inserted = await one<{ id: string }>(ctx.db, sql`
    insert into staff_tasks (workspace_id, idempotency_key, kind, title, body, media, community_id, member_id, assignee_id,
                             due_at, action_id, created_by)
    values (${ctx.workspaceId}, ${key}, ${v.kind}, ${v.title}, ${v.body}, ${JSON.stringify(v.media)}::jsonb,
            ${v.communityId ?? null}, ${v.memberId ?? null}, ${v.assigneeId ?? null},
            coalesce(${v.dueAt?.toISOString() ?? null}::timestamptz, now()), ${v.actionId ?? null}, ${actorUserId(ctx.actor)})
    on conflict (workspace_id, idempotency_key) do nothing returning id`);
  // Another transaction made the same task between the look-up and the insert: answer that one.
  if (!inserted) return getStaffTask(ctx, (await one<{ id: string }>(ctx.db, sql`select id from staff_tasks where workspace_id = ${ctx.workspaceId} and idempotency_key = ${key}`))!.id);
  await recordAudit(ctx, 'staff_task.created', 'staff_task', inserted.id, {
    kind: v.kind, title: v.title, assigneeId: v.assigneeId ?? null, ...(v.actionId ? { actionId: v.actionId } : {}),
  });
  return getStaffTask(ctx, inserted.id);
}
