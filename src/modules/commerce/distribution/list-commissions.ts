import { sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { paginate, type Page, type PageQuery } from '../../../core/pagination.js';
import type { z } from 'zod';
import type { commissionSchema } from './contracts.js';

type Commission = z.infer<typeof commissionSchema>;

export interface ListCommissionsQuery extends PageQuery {
  distributorId?: string; status?: 'frozen' | 'available'; kind?: 'commission' | 'reversal'; orderId?: string;
}

/** Commission ledger entries, newest first, filtered by distributor, status, kind or order. */
export async function listCommissions(ctx: TenantCtx, q: ListCommissionsQuery): Promise<Page<Commission>> {
  const filters = [
    sql`c.workspace_id = ${ctx.workspaceId}`,
    ...(q.distributorId ? [sql`c.distributor_id = ${q.distributorId}`] : []),
    ...(q.status ? [sql`c.status = ${q.status}`] : []),
    ...(q.kind ? [sql`c.kind = ${q.kind}`] : []),
    ...(q.orderId ? [sql`c.order_id = ${q.orderId}`] : []),
  ];
  return paginate<Commission>(ctx.db, q, sql`
    select c.id, c.distributor_id as "distributorId", m.display_name as "distributorName", c.order_id as "orderId", c.tier::int as tier, c.kind,
      c.amount_cents::float8 as "amountCents", c.base_cents::float8 as "baseCents", c.rate_bps as "rateBps", c.status,
      c.release_at as "releaseAt", c.released_at as "releasedAt", c.reversed_cents::float8 as "reversedCents", c.created_at as "createdAt"
    from distribution_commissions c
    join distributors d on d.workspace_id = c.workspace_id and d.id = c.distributor_id
    join members m on m.workspace_id = d.workspace_id and m.id = d.member_id
    where ${sql.join(filters, sql` and `)}`, sql`t."createdAt" desc, t.tier, t.id`);
}
