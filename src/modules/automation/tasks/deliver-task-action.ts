import { z } from 'zod';
import { sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { PermanentDeliveryError } from '../../../channels/types.js';
import { TASK_KINDS, taskMediaSchema, type StaffTask } from './contracts.js';
import { createStaffTask } from './create-staff-task.js';
import { getStaffTask } from './get-staff-task.js';
import { defaultAlertAssignee, firstActionable } from './assignees.js';
import { actionTaskKey, lockAction, permanentOnRefusal } from './outbox-action.js';

/** The outbox action kinds whose delivery is a staff task rather than a platform call. */
export const TASK_ACTION_KINDS = ['staff_task', 'alert'] as const;
export const isTaskAction = (kind: string): boolean => (TASK_ACTION_KINDS as readonly string[]).includes(kind);

/** payload of a staff_task or alert action (docs/automation.md). `text` is accepted for `body`, as send payloads spell it. */
const payloadSchema = z.object({
  kind: z.enum(TASK_KINDS).optional(),
  title: z.string().trim().min(1).max(200),
  body: z.string().max(8000).optional(),
  text: z.string().max(8000).optional(),
  media: z.array(taskMediaSchema).max(20).optional(),
  assigneeId: z.uuid().nullish(),
  dueAt: z.iso.datetime({ offset: true }).optional(),
});

/**
 * Delivers a staff_task or alert action: creates its task and marks the action sent, in the caller's
 * transaction, keyed by the action id so a second delivery answers the same task. An alert is one task of
 * kind alert for one accountable person: the admin or owner the payload names, else the longest-standing
 * owner; anyone can reassign it. A bad payload throws PermanentDeliveryError (no retry can fix it).
 */
export async function deliverTaskAction(ctx: TenantCtx, action: { id: string }): Promise<StaffTask> {
  const row = await lockAction(ctx, action.id);
  if (!isTaskAction(row.kind)) throw new PermanentDeliveryError(`${row.kind} is not a staff task action`);
  const parsed = payloadSchema.safeParse(row.payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new PermanentDeliveryError(`payload.${issue.path.join('.')}: ${issue.message}`);
  }
  const p = parsed.data;
  const alert = row.kind === 'alert';
  const assigneeId = alert
    ? await firstActionable(ctx, [p.assigneeId], 'admin') ?? await defaultAlertAssignee(ctx)
    : await firstActionable(ctx, [p.assigneeId]);
  const task = await permanentOnRefusal(() => createStaffTask(ctx, {
    kind: alert ? 'alert' : p.kind ?? 'custom',
    title: p.title, body: p.body ?? p.text ?? '', media: p.media ?? [],
    communityId: row.communityId, memberId: row.memberId, assigneeId,
    dueAt: p.dueAt ? new Date(p.dueAt) : undefined,
    actionId: row.id, idempotencyKey: actionTaskKey(row.id),
  }));
  await ctx.db.execute(sql`
    update actions set status = 'sent', sent_at = coalesce(sent_at, now()), last_error = null
    where workspace_id = ${ctx.workspaceId} and id = ${row.id}`);
  // Read again: the answer shows the action's new status.
  return getStaffTask(ctx, task.id);
}
