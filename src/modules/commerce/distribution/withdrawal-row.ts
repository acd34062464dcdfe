import { one, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';
import type { Withdrawal } from './contracts.js';

export const withdrawalSelect = (ctx: TenantCtx) => sql`
  select w.id, w.distributor_id as "distributorId", m.display_name as "distributorName", w.amount_cents::float8 as "amountCents",
    w.status, w.reason, w.requested_at as "requestedAt", w.decided_at as "decidedAt"
  from distribution_withdrawals w
  join distributors d on d.workspace_id = w.workspace_id and d.id = w.distributor_id
  join members m on m.workspace_id = d.workspace_id and m.id = d.member_id
  where w.workspace_id = ${ctx.workspaceId}`;

export async function getWithdrawal(ctx: TenantCtx, id: string): Promise<Withdrawal> {
  const w = await one<Withdrawal>(ctx.db, sql`${withdrawalSelect(ctx)} and w.id = ${id}`);
  if (!w) throw notFound('withdrawal');
  return w;
}

