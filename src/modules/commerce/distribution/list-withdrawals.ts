import { sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { paginate, type Page, type PageQuery } from '../../../core/pagination.js';
import type { Withdrawal } from './contracts.js';

export interface ListWithdrawalsQuery extends PageQuery { status?: 'requested' | 'paid' | 'rejected'; distributorId?: string }

/** Withdrawals: requested first (oldest first, the queue to settle), then the newest settled. */
export async function listWithdrawals(ctx: TenantCtx, q: ListWithdrawalsQuery): Promise<Page<Withdrawal>> {
  const filters = [
    sql`w.workspace_id = ${ctx.workspaceId}`,
    ...(q.status ? [sql`w.status = ${q.status}`] : []),
    ...(q.distributorId ? [sql`w.distributor_id = ${q.distributorId}`] : []),
  ];
  return paginate<Withdrawal>(ctx.db, q, sql`
    select w.id, w.distributor_id as "distributorId", m.display_name as "distributorName", w.amount_cents::float8 as "amountCents",
      w.status, w.reason, w.requested_at as "requestedAt", w.decided_at as "decidedAt"
    from distribution_withdrawals w
    join distributors d on d.workspace_id = w.workspace_id and d.id = w.distributor_id
    join members m on m.workspace_id = d.workspace_id and m.id = d.member_id
    where ${sql.join(filters, sql` and `)}`,
  sql`(t.status = 'requested') desc, case when t.status = 'requested' then t."requestedAt" end asc, t."requestedAt" desc, t.id`);
}
