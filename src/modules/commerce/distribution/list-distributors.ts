import { sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { paginate, type Page, type PageQuery } from '../../../core/pagination.js';
import type { Distributor, DistributorStatus } from './contracts.js';
import { distributorSelect, withLinks } from './distributor-row.js';

export interface ListDistributorsQuery extends PageQuery { status?: DistributorStatus; search?: string }

/** Distributors and applications: pending first (oldest first, the queue to decide), then the newest. */
export async function listDistributors(ctx: TenantCtx, q: ListDistributorsQuery): Promise<Page<Distributor>> {
  const where = sql.join([
    sql`true`,
    ...(q.status ? [sql`d.status = ${q.status}`] : []),
    ...(q.search ? [sql`(m.display_name ilike ${`%${q.search}%`} or d.code ilike ${`%${q.search}%`})`] : []),
  ], sql` and `);
  const page = await paginate<Omit<Distributor, 'link'>>(ctx.db, q, distributorSelect(ctx, where),
    sql`(t.status = 'pending') desc, case when t.status = 'pending' then t."appliedAt" end asc, t."appliedAt" desc, t.id`);
  return { ...page, items: await withLinks(ctx, page.items) };
}
