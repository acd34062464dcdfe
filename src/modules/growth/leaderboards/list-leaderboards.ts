import { sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { paginate, type Page, type PageQuery } from '../../../core/pagination.js';
import type { Leaderboard } from './contracts.js';
import { viewLeaderboards } from './get-leaderboard.js';

/** The workspace's leaderboards, enabled ones first, then by name. */
export async function listLeaderboards(ctx: TenantCtx, q: PageQuery): Promise<Page<Leaderboard>> {
  const page = await paginate<{ id: string }>(ctx.db, q, sql`
    select id, enabled, name from leaderboards where workspace_id = ${ctx.workspaceId}`, sql`enabled desc, lower(name), id`);
  return { ...page, items: await viewLeaderboards(ctx, page.items.map((b) => b.id)) };
}
