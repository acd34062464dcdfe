import { one, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';
import { recordAudit } from '../../workspace/record-audit.js';
import { cancelFlowActions } from './flow-scope.js';
import { getWelcomeFlow } from './get-welcome-flow.js';

/**
 * Deletes a flow. Its past batches stay (without the flow's name); joins still waiting are skipped and its
 * undelivered actions cancelled. Its communities fall back to the next less specific flow, if any.
 */
export async function deleteWelcomeFlow(ctx: TenantCtx, id: string): Promise<void> {
  const exists = await one(ctx.db, sql`select 1 from welcome_flows where workspace_id = ${ctx.workspaceId} and id = ${id} for update`);
  if (!exists) throw notFound('welcome flow');
  const before = await getWelcomeFlow(ctx, id);
  await ctx.db.execute(sql`
    update welcome_joins set status = 'skipped' where workspace_id = ${ctx.workspaceId} and flow_id = ${id} and status = 'pending'`);
  const cancelled = await cancelFlowActions(ctx, id, 'welcome flow deleted');
  await ctx.db.execute(sql`delete from welcome_flows where workspace_id = ${ctx.workspaceId} and id = ${id}`);
  await recordAudit(ctx, 'welcome_flow.deleted', 'welcome_flow', id, { before, cancelledActions: cancelled });
}
