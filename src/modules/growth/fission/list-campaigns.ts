import { sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { paginate, type Page, type PageQuery } from '../../../core/pagination.js';
import type { Campaign } from './contracts.js';
import { viewCampaigns } from './campaign-row.js';

/** The workspace's fission campaigns, newest first. */
export async function listCampaigns(ctx: TenantCtx, q: PageQuery): Promise<Page<Campaign>> {
  const page = await paginate<{ id: string; createdAt: Date }>(ctx.db, q, sql`
    select id, created_at as "createdAt" from fission_campaigns where workspace_id = ${ctx.workspaceId}`, sql`"createdAt" desc, id`);
  return { ...page, items: await viewCampaigns(ctx, page.items.map((c) => c.id)) };
}
