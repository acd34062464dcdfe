import { rows, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';

export interface EffectiveFlow { communityId: string; flowId: string; enabled: boolean; windowMinutes: number }

/**
 * The flow that decides for each community: its own flow, else its type's, else the workspace's flow for
 * all communities. The most specific flow decides even when it is disabled, so a disabled flow keeps its
 * communities quiet instead of handing them to a broader one. Communities no flow covers are absent.
 */
export async function effectiveFlows(ctx: TenantCtx, communityIds: string[]): Promise<Map<string, EffectiveFlow>> {
  if (!communityIds.length) return new Map();
  const found = await rows<EffectiveFlow>(ctx.db, sql`
    select distinct on (c.id) c.id as "communityId", f.id as "flowId", f.enabled, f.window_minutes as "windowMinutes"
    from communities c
    join welcome_flows f on f.workspace_id = c.workspace_id
    left join welcome_flow_communities fc on fc.workspace_id = c.workspace_id and fc.community_id = c.id and fc.flow_id = f.id
    where c.workspace_id = ${ctx.workspaceId} and c.id in (select jsonb_array_elements_text(${JSON.stringify([...new Set(communityIds)])}::jsonb)::uuid)
      and (fc.flow_id is not null or (f.scope_kind = 'type' and f.scope_type = c.type) or f.scope_kind = 'all')
    order by c.id, case f.scope_kind when 'communities' then 0 when 'type' then 1 else 2 end`);
  return new Map(found.map((f) => [f.communityId, f]));
}
