import { one, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { AppError } from '../../../core/errors.js';
import { PermanentDeliveryError } from '../../../channels/types.js';

/** The outbox row as the task functions need it. */
export interface OutboxRow {
  id: string;
  kind: string;
  status: string;
  communityId: string | null;
  memberId: string | null;
  payload: Record<string, unknown>;
}

/**
 * Reads the action from the table rather than trusting the caller's copy, and locks it, so the task and
 * the status change are decided on the row as it stands in this transaction.
 */
export async function lockAction(ctx: TenantCtx, id: string): Promise<OutboxRow> {
  const row = await one<OutboxRow>(ctx.db, sql`
    select id, kind, status, community_id as "communityId", member_id as "memberId", payload from actions
    where workspace_id = ${ctx.workspaceId} and id = ${id} for update`);
  if (!row) throw new PermanentDeliveryError(`action ${id} not found`);
  return row;
}

/** The task key of an action: one action, one task, however often it is delivered. */
export const actionTaskKey = (actionId: string) => `action:${actionId}`;

/** Runs a task verb for the outbox: an input the verb refuses is a payload no retry can fix. */
export async function permanentOnRefusal<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof AppError && err.status < 500) throw new PermanentDeliveryError(`payload: ${err.message}`);
    throw err;
  }
}
