import { one, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';
import { recordAudit } from '../../workspace/record-audit.js';

/**
 * Deletes a rule with its firings. Actions it already queued stay in the outbox (and their staff tasks on
 * the today page): they were asked for and may have been sent. Disabling keeps the history instead.
 */
export async function deleteTrigger(ctx: TenantCtx, id: string): Promise<void> {
  const row = await one<{ name: string }>(ctx.db, sql`
    delete from trigger_rules where workspace_id = ${ctx.workspaceId} and id = ${id} returning name`);
  if (!row) throw notFound('trigger');
  await recordAudit(ctx, 'trigger.deleted', 'trigger', id, { name: row.name });
}
