import { one, sql } from '../../../db/client.js';
import { actorUserId, type TenantCtx } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';
import { recordAudit } from '../../workspace/record-audit.js';
import { parseInput } from '../tasks/contracts.js';
import { welcomeFlowInputSchema, type WelcomeFlow, type WelcomeFlowInput } from './contracts.js';
import { checkFlow } from './check-flow.js';
import { cancelFlowActions, scopeColumns, writeScopeCommunities } from './flow-scope.js';
import { getWelcomeFlow } from './get-welcome-flow.js';

/**
 * Replaces a flow's configuration. Joins already waiting keep their window; their batch uses the flow as
 * it is when the batch goes out. Actions already queued are left as they are, unless the edit disables the
 * flow (then they are cancelled, as for setWelcomeFlowEnabled).
 */
export async function updateWelcomeFlow(ctx: TenantCtx, id: string, input: WelcomeFlowInput): Promise<WelcomeFlow> {
  const v = parseInput(welcomeFlowInputSchema, input);
  // Locked, so two edits cannot interleave their scope rows.
  const exists = await one(ctx.db, sql`select 1 from welcome_flows where workspace_id = ${ctx.workspaceId} and id = ${id} for update`);
  if (!exists) throw notFound('welcome flow');
  const before = await getWelcomeFlow(ctx, id);
  await checkFlow(ctx, v, id);
  const scope = scopeColumns(v.scope);
  await ctx.db.execute(sql`
    update welcome_flows set name = ${v.name}, enabled = ${v.enabled}, scope_kind = ${scope.kind}, scope_type = ${scope.type},
      group_template_id = ${v.groupWelcome.templateId}, window_minutes = ${v.groupWelcome.windowMinutes},
      private_template_id = ${v.privateWelcome?.templateId ?? null}, journey = ${JSON.stringify(v.journey)}::jsonb,
      updated_by = ${actorUserId(ctx.actor)}, updated_at = now()
    where workspace_id = ${ctx.workspaceId} and id = ${id}`);
  await writeScopeCommunities(ctx, id, v.scope);
  const cancelled = before.enabled && !v.enabled ? await cancelFlowActions(ctx, id, 'welcome flow disabled') : 0;
  const after = await getWelcomeFlow(ctx, id);
  await recordAudit(ctx, 'welcome_flow.updated', 'welcome_flow', id, { before, after: v, cancelledActions: cancelled });
  return after;
}
