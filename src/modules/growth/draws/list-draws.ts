import { sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { paginate, type Page, type PageQuery } from '../../../core/pagination.js';
import type { DrawStatus } from './contracts.js';
import { DRAW_COLUMNS, prizesOf, type Draw } from './get-draw.js';

/** Draws, open first, then drafts, then closed; newest window first within each. */
export async function listDraws(ctx: TenantCtx, q: PageQuery & { status?: DrawStatus }): Promise<Page<Draw>> {
  const page = await paginate<Omit<Draw, 'prizes'>>(ctx.db, q, sql`
    select ${DRAW_COLUMNS}, case d.status when 'open' then 0 when 'draft' then 1 else 2 end as "statusOrder"
    from draws d where d.workspace_id = ${ctx.workspaceId} ${q.status ? sql`and d.status = ${q.status}` : sql``}`,
  sql`"statusOrder", "startsAt" desc, id`);
  const prizes = await prizesOf(ctx, page.items.map((d) => d.id));
  return { ...page, items: page.items.map(({ statusOrder: _, ...d }: Omit<Draw, 'prizes'> & { statusOrder?: number }) => ({ ...d, prizes: prizes.get(d.id)! })) };
}
