import { one, sql, type Database } from '../../db/client.js';
import type { Actor, TenantCtx, WorkspaceRef } from '../../core/context.js';

/** The actor of what the mass-message jobs do: the platform, not a person (closed_by stays empty). */
export const MASS_ACTOR: Actor = { kind: 'system', name: 'wecom.mass' };

/**
 * How long Shequn waits for the owner to tap 发送. WeCom keeps an unconfirmed task in the owner's 群发助手
 * without a deadline of its own; a group message three days late is stale, so Shequn withdraws it then
 * (cancel_groupmsg_send) and dismisses the staff task, which cancels the action.
 */
export const MASS_VALID_DAYS = 3;

export const MASS_STATUSES = ['pending', 'created', 'sent', 'failed', 'cancelled'] as const;
export type MassStatus = (typeof MASS_STATUSES)[number];

export interface MassRow {
  id: string; actionId: string; staffTaskId: string | null; corpRowId: string | null; chatId: string | null;
  sender: string | null; msgid: string | null; status: MassStatus; createdAt: Date;
}

export const MASS_COLUMNS = sql`id, action_id as "actionId", staff_task_id as "staffTaskId", corp_row_id as "corpRowId",
  chat_id as "chatId", sender, msgid, status, created_at as "createdAt"`;

/** The workspace a job payload names, for withTenant (the job runner works across tenants). */
export async function workspaceRef(database: Database, workspaceId: string): Promise<WorkspaceRef | undefined> {
  return one<WorkspaceRef>(database.db, sql`select id, time_zone as "timeZone" from workspaces where id = ${workspaceId}`);
}

/**
 * Settles an unsettled row, once: answers false when another run got there first, so the caller leaves the
 * staff task alone too.
 */
export async function settleMassRow(ctx: TenantCtx, id: string, from: MassStatus, to: { status: MassStatus; error?: string | null; sendTime?: Date | null; note?: string | null; msgid?: string | null }): Promise<boolean> {
  const updated = await one<{ id: string }>(ctx.db, sql`
    update wecom_mass_messages set status = ${to.status}, error = ${to.error?.slice(0, 500) ?? null},
      send_time = coalesce(${to.sendTime?.toISOString() ?? null}::timestamptz, send_time), note = coalesce(${to.note ?? null}, note),
      msgid = coalesce(${to.msgid ?? null}, msgid), updated_at = now()
    where workspace_id = ${ctx.workspaceId} and id = ${id} and status = ${from} returning id`);
  return !!updated;
}

/** Tells the staff member, in the task's title, what became of the WeCom side. Titles are Chinese first. */
export async function markTaskTitle(ctx: TenantCtx, taskId: string | null, suffix: string): Promise<void> {
  if (!taskId || !suffix) return;
  await ctx.db.execute(sql`
    update staff_tasks set title = left(title, greatest(0, 200 - char_length(${suffix}))) || ${suffix}
    where workspace_id = ${ctx.workspaceId} and id = ${taskId} and status = 'open' and position(${suffix} in title) = 0`);
}
