import { sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { paginate, type Page, type PageQuery } from '../../../core/pagination.js';
import type { LiveCode } from './contracts.js';
import { viewLiveCodes } from './get-live-code.js';

/** The workspace's live codes, newest first. */
export async function listLiveCodes(ctx: TenantCtx, q: PageQuery): Promise<Page<LiveCode>> {
  const page = await paginate<{ id: string; createdAt: Date }>(ctx.db, q, sql`
    select id, created_at as "createdAt" from live_codes where workspace_id = ${ctx.workspaceId}`, sql`"createdAt" desc, id`);
  return { ...page, items: await viewLiveCodes(ctx, page.items.map((c) => c.id)) };
}
