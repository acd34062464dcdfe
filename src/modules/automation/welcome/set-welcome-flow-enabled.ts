import { one, sql } from '../../../db/client.js';
import { actorUserId, type TenantCtx } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';
import { recordAudit } from '../../workspace/record-audit.js';
import type { WelcomeFlow } from './contracts.js';
import { cancelFlowActions } from './flow-scope.js';
import { getWelcomeFlow } from './get-welcome-flow.js';

/**
 * Switches a flow on or off. Off, its communities get no welcome (a less specific flow does not step in:
 * this is how one group or one type is kept quiet), joins waiting for their batch are skipped when it comes
 * round, and its undelivered actions are cancelled. Setting the state it already has changes nothing.
 */
export async function setWelcomeFlowEnabled(ctx: TenantCtx, id: string, enabled: boolean): Promise<WelcomeFlow> {
  const row = await one<{ enabled: boolean }>(ctx.db, sql`
    select enabled from welcome_flows where workspace_id = ${ctx.workspaceId} and id = ${id} for update`);
  if (!row) throw notFound('welcome flow');
  if (row.enabled === enabled) return getWelcomeFlow(ctx, id);
  await ctx.db.execute(sql`
    update welcome_flows set enabled = ${enabled}, updated_by = ${actorUserId(ctx.actor)}, updated_at = now()
    where workspace_id = ${ctx.workspaceId} and id = ${id}`);
  const cancelled = enabled ? 0 : await cancelFlowActions(ctx, id, 'welcome flow disabled');
  await recordAudit(ctx, enabled ? 'welcome_flow.enabled' : 'welcome_flow.disabled', 'welcome_flow', id, enabled ? {} : { cancelledActions: cancelled });
  return getWelcomeFlow(ctx, id);
}
