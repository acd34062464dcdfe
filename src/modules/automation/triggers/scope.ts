import { rows, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import type { TriggerScope } from './contracts.js';

/** Community id -> type, for the rules scoped by type. */
export type CommunityTypes = Map<string, string>;

/** The types of the given communities (all of the workspace's when ids is absent). */
export async function communityTypes(ctx: TenantCtx, ids?: string[]): Promise<CommunityTypes> {
  const found = await rows<{ id: string; type: string }>(ctx.db, ids
    ? sql`select id, type from communities where workspace_id = ${ctx.workspaceId}
          and id in (select (jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))::uuid)`
    : sql`select id, type from communities where workspace_id = ${ctx.workspaceId}`);
  return new Map(found.map((c) => [c.id, c.type]));
}

/** Does the rule watch this community? An event outside any group (an order) is only in the "all" scope. */
export function inRuleScope(scope: TriggerScope, communityId: string | null, types: CommunityTypes): boolean {
  if (scope.kind === 'all') return true;
  if (!communityId) return false;
  if (scope.kind === 'type') return types.get(communityId) === scope.type;
  return scope.communityIds.some((id) => id.toLowerCase() === communityId);
}
