import { one, sql } from '../../../db/client.js';
import { actorUserId, type TenantCtx } from '../../../core/context.js';
import { recordAudit } from '../../workspace/record-audit.js';
import { parseInput } from '../tasks/contracts.js';
import { welcomeFlowInputSchema, type WelcomeFlow, type WelcomeFlowInput } from './contracts.js';
import { checkFlow } from './check-flow.js';
import { scopeColumns, writeScopeCommunities } from './flow-scope.js';
import { getWelcomeFlow } from './get-welcome-flow.js';

/** A new welcome flow; it welcomes joins from the moment it commits (earlier joins are history). */
export async function createWelcomeFlow(ctx: TenantCtx, input: WelcomeFlowInput): Promise<WelcomeFlow> {
  const v = parseInput(welcomeFlowInputSchema, input);
  await checkFlow(ctx, v, null);
  const scope = scopeColumns(v.scope);
  const row = (await one<{ id: string }>(ctx.db, sql`
    insert into welcome_flows (workspace_id, name, enabled, scope_kind, scope_type, group_template_id, window_minutes, private_template_id, journey, created_by, updated_by)
    values (${ctx.workspaceId}, ${v.name}, ${v.enabled}, ${scope.kind}, ${scope.type}, ${v.groupWelcome.templateId}, ${v.groupWelcome.windowMinutes},
            ${v.privateWelcome?.templateId ?? null}, ${JSON.stringify(v.journey)}::jsonb, ${actorUserId(ctx.actor)}, ${actorUserId(ctx.actor)})
    returning id`))!;
  await writeScopeCommunities(ctx, row.id, v.scope);
  const flow = await getWelcomeFlow(ctx, row.id);
  await recordAudit(ctx, 'welcome_flow.created', 'welcome_flow', row.id, { flow: v });
  return flow;
}
