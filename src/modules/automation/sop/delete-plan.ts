import { one, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';
import { recordAudit } from '../../workspace/record-audit.js';

/**
 * Deletes a plan with its steps, targets and occurrence records. Actions it already queued stay in the
 * outbox (they are the record of what was sent); pending ones still go out unless cancelled there.
 */
export async function deletePlan(ctx: TenantCtx, id: string): Promise<void> {
  const row = await one<{ name: string }>(ctx.db, sql`delete from sop_plans where workspace_id = ${ctx.workspaceId} and id = ${id} returning name`);
  if (!row) throw notFound('SOP plan');
  await recordAudit(ctx, 'sop_plan.deleted', 'sop_plan', id, { name: row.name });
}
