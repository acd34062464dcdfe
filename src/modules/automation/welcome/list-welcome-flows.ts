import { sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { paginate, type Page, type PageQuery } from '../../../core/pagination.js';
import type { WelcomeFlow } from './contracts.js';
import { viewFlows } from './get-welcome-flow.js';

/** The workspace's flows, from the broadest scope to the most specific, then by name. */
export async function listWelcomeFlows(ctx: TenantCtx, q: PageQuery): Promise<Page<WelcomeFlow>> {
  const page = await paginate<{ id: string; rank: number; name: string }>(ctx.db, q, sql`
    select id, name, case scope_kind when 'all' then 0 when 'type' then 1 else 2 end as rank
    from welcome_flows where workspace_id = ${ctx.workspaceId}`, sql`rank, lower(name), id`);
  return { ...page, items: await viewFlows(ctx, page.items.map((f) => f.id)) };
}
