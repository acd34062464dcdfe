import { one, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { paginate, type Page, type PageQuery } from '../../../core/pagination.js';
import { notFound } from '../../../core/errors.js';
import type { z } from 'zod';
import type { customerSchema } from './contracts.js';

type Customer = z.infer<typeof customerSchema>;

/** The customers bound to a distributor, newest binding first, with what they paid in commissioned orders. */
export async function listCustomers(ctx: TenantCtx, distributorId: string, q: PageQuery): Promise<Page<Customer>> {
  const d = await one(ctx.db, sql`select 1 from distributors where workspace_id = ${ctx.workspaceId} and id = ${distributorId}`);
  if (!d) throw notFound('distributor');
  return paginate<Customer>(ctx.db, q, sql`
    select b.customer_member_id as "memberId", m.display_name as name, b.code, b.bound_at as "boundAt", b.expires_at as "expiresAt",
      (select count(*)::int from distribution_orders o where o.workspace_id = b.workspace_id and o.customer_member_id = b.customer_member_id
        and exists (select 1 from distribution_commissions c where c.workspace_id = o.workspace_id and c.order_id = o.order_id and c.distributor_id = b.distributor_id and c.tier = 1)) as orders,
      (select coalesce(sum(o.paid_cents - o.refunded_cents), 0)::float8 from distribution_orders o where o.workspace_id = b.workspace_id and o.customer_member_id = b.customer_member_id
        and exists (select 1 from distribution_commissions c where c.workspace_id = o.workspace_id and c.order_id = o.order_id and c.distributor_id = b.distributor_id and c.tier = 1)) as "paidCents"
    from distribution_bindings b join members m on m.workspace_id = b.workspace_id and m.id = b.customer_member_id
    where b.workspace_id = ${ctx.workspaceId} and b.distributor_id = ${distributorId}`, sql`t."boundAt" desc, t."memberId"`);
}
