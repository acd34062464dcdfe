import { one, sql } from '../../../db/client.js';
import { actorUserId, type TenantCtx } from '../../../core/context.js';
import { AppError, notFound } from '../../../core/errors.js';
import { recordAudit } from '../../workspace/record-audit.js';
import type { Withdrawal } from './contracts.js';
import { getWithdrawal } from './withdrawal-row.js';

/**
 * An operator settles a requested withdrawal: paid (the money went out) or rejected (it returns to the
 * available balance, paying anything owed from reversals first). Settling it again the same way changes nothing.
 */
export async function decideWithdrawal(ctx: TenantCtx, id: string, to: 'paid' | 'rejected', reason?: string): Promise<Withdrawal> {
  const ref = await one<{ distributorId: string }>(ctx.db, sql`
    select distributor_id as "distributorId" from distribution_withdrawals where workspace_id = ${ctx.workspaceId} and id = ${id}`);
  if (!ref) throw notFound('withdrawal');
  // The distributor's row before the withdrawal's: the order requestWithdrawal takes them in.
  const d = (await one<{ owed: number }>(ctx.db, sql`
    select owed_cents::float8 as owed from distributors where workspace_id = ${ctx.workspaceId} and id = ${ref.distributorId} for update`))!;
  const w = (await one<{ status: string; amount: number }>(ctx.db, sql`
    select status, amount_cents::float8 as amount from distribution_withdrawals where workspace_id = ${ctx.workspaceId} and id = ${id} for update`))!;
  if (w.status === to) return getWithdrawal(ctx, id);
  if (w.status !== 'requested') throw new AppError('conflict', `withdrawal: it is ${w.status} already`);
  if (to === 'paid') {
    await ctx.db.execute(sql`
      update distributors set withdrawing_cents = withdrawing_cents - ${w.amount}, withdrawn_cents = withdrawn_cents + ${w.amount}
      where workspace_id = ${ctx.workspaceId} and id = ${ref.distributorId}`);
  } else {
    const pay = Math.min(d.owed, w.amount);
    await ctx.db.execute(sql`
      update distributors set withdrawing_cents = withdrawing_cents - ${w.amount}, available_cents = available_cents + ${w.amount - pay}, owed_cents = owed_cents - ${pay}
      where workspace_id = ${ctx.workspaceId} and id = ${ref.distributorId}`);
  }
  await ctx.db.execute(sql`
    update distribution_withdrawals set status = ${to}, reason = ${reason ?? null}, decided_at = now(), decided_by = ${actorUserId(ctx.actor)}::uuid
    where workspace_id = ${ctx.workspaceId} and id = ${id}`);
  await recordAudit(ctx, to === 'paid' ? 'distribution.withdrawal_paid' : 'distribution.withdrawal_rejected', 'distribution_withdrawal', id, { reason: reason ?? null });
  return getWithdrawal(ctx, id);
}
