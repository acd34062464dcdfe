import { rows, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import type { Scope } from './contracts.js';

/** The scope's columns on welcome_flows; communities live in their own table (one flow per community). */
export function scopeColumns(scope: Scope): { kind: Scope['kind']; type: string | null } {
  return { kind: scope.kind, type: scope.kind === 'type' ? scope.type : null };
}

/** Replaces the flow's own communities with the scope's (none unless the scope lists communities). */
export async function writeScopeCommunities(ctx: TenantCtx, flowId: string, scope: Scope): Promise<void> {
  await ctx.db.execute(sql`delete from welcome_flow_communities where workspace_id = ${ctx.workspaceId} and flow_id = ${flowId}`);
  if (scope.kind !== 'communities') return;
  await ctx.db.execute(sql`
    insert into welcome_flow_communities (workspace_id, community_id, flow_id)
    select ${ctx.workspaceId}, x::uuid, ${flowId} from jsonb_array_elements_text(${JSON.stringify(scope.communityIds)}::jsonb) as x`);
}

/**
 * Undelivered actions a flow queued (private welcomes, journey steps, group welcomes held by quiet hours)
 * stop with it: a disabled or deleted flow should not keep talking to last night's newcomers.
 */
export async function cancelFlowActions(ctx: TenantCtx, flowId: string, reason: string): Promise<number> {
  // "payload ? 'welcome'" matches the partial index of migration 0009.
  const cancelled = await rows<{ id: string }>(ctx.db, sql`
    update actions set status = 'cancelled', last_error = ${reason}
    where workspace_id = ${ctx.workspaceId} and status = 'pending' and payload ? 'welcome' and payload->'welcome'->>'flowId' = ${flowId}
    returning id`);
  return cancelled.length;
}
