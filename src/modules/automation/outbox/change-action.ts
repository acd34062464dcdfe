import { one, sql } from '../../../db/client.js';
import { actorUserId, type TenantCtx } from '../../../core/context.js';
import { AppError, notFound } from '../../../core/errors.js';
import { recordAudit } from '../../workspace/record-audit.js';
import type { OutboxAction } from './contracts.js';
import { OUTBOX_COLUMNS, outboxFrom } from './list-outbox.js';

async function current(ctx: TenantCtx, id: string): Promise<OutboxAction> {
  const row = await one<OutboxAction>(ctx.db, sql`select ${OUTBOX_COLUMNS} ${outboxFrom(ctx)} and a.id = ${id}`);
  if (!row) throw notFound('action');
  return row;
}

const conflict = (message: string) => new AppError('conflict', `status: ${message}`, [{ path: 'status', message }]);

/**
 * Sends a failed action again, from a fresh set of attempts. Only a failed one: a pending or sending one
 * is still on its way, and a sent one would go out twice. The guardrails judge it again on delivery.
 */
export async function retryAction(ctx: TenantCtx, id: string): Promise<OutboxAction> {
  const before = await one<{ status: string }>(ctx.db, sql`
    select status from actions where workspace_id = ${ctx.workspaceId} and id = ${id} for update`);
  if (!before) throw notFound('action');
  if (before.status !== 'failed') throw conflict(`only a failed action can be retried; this one is ${before.status}`);
  await ctx.db.execute(sql`
    update actions set status = 'pending', attempts = 0, next_attempt_at = now(), last_error = null
    where workspace_id = ${ctx.workspaceId} and id = ${id}`);
  await recordAudit(ctx, 'action.retried', 'action', id, {});
  return current(ctx, id);
}

/**
 * Withdraws an action that has not gone out yet. A 'sending' one is in a worker's hands right now and may
 * already be on the platform, so it cannot be withdrawn; one awaiting staff is withdrawn by dismissing its task.
 */
export async function cancelAction(ctx: TenantCtx, id: string): Promise<OutboxAction> {
  const before = await one<{ status: string }>(ctx.db, sql`
    select status from actions where workspace_id = ${ctx.workspaceId} and id = ${id} for update`);
  if (!before) throw notFound('action');
  if (before.status === 'cancelled') return current(ctx, id);
  if (before.status !== 'pending') throw conflict(`only a pending action can be cancelled; this one is ${before.status}`);
  await ctx.db.execute(sql`
    update actions set status = 'cancelled', last_error = ${'cancelled by staff'}
    where workspace_id = ${ctx.workspaceId} and id = ${id}`);
  await recordAudit(ctx, 'action.cancelled', 'action', id, { by: actorUserId(ctx.actor) });
  return current(ctx, id);
}
