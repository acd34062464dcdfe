import { one, sql } from '../../../db/client.js';
import { actorUserId, type TenantCtx } from '../../../core/context.js';
import { AppError, invalid, notFound } from '../../../core/errors.js';
import { recordAudit } from '../../workspace/record-audit.js';
import type { Withdrawal } from './contracts.js';
import { getDistributionSettings } from './settings.js';
import { getWithdrawal } from './withdrawal-row.js';

export interface WithdrawInput { amountCents: number; idempotencyKey: string }

export class InsufficientBalanceError extends AppError {
  constructor(readonly available: number, readonly needed: number) {
    super('conflict', `withdrawal: ${available} cents are available, ${needed} were asked for`, [{ path: 'amountCents', message: `${available} cents are available` }]);
  }
}

/**
 * A distributor asks to withdraw part of their available balance. The distributor's row is locked first,
 * and the amount leaves `available` in one guarded UPDATE (`available_cents >= amount`), so concurrent
 * requests take turns and together never take more than there is. The key makes a retry ask once.
 */
export async function requestWithdrawal(ctx: TenantCtx, distributorId: string, input: WithdrawInput): Promise<Withdrawal> {
  const d = await one<{ status: string }>(ctx.db, sql`
    select status from distributors where workspace_id = ${ctx.workspaceId} and id = ${distributorId} for update`);
  if (!d) throw notFound('distributor');
  const done = await one<{ id: string; distributorId: string }>(ctx.db, sql`
    select id, distributor_id as "distributorId" from distribution_withdrawals where workspace_id = ${ctx.workspaceId} and idempotency_key = ${input.idempotencyKey}`);
  if (done) {
    if (done.distributorId !== distributorId) throw invalid('idempotencyKey', 'was used for another distributor\'s withdrawal');
    return getWithdrawal(ctx, done.id);
  }
  if (d.status !== 'approved') throw new AppError('conflict', 'withdrawal: only an approved distributor can withdraw');
  const { minWithdrawalCents } = await getDistributionSettings(ctx);
  if (!Number.isInteger(input.amountCents) || input.amountCents < minWithdrawalCents) throw invalid('amountCents', `must be at least ${minWithdrawalCents} cents`);
  const taken = await one<{ id: string }>(ctx.db, sql`
    update distributors set available_cents = available_cents - ${input.amountCents}, withdrawing_cents = withdrawing_cents + ${input.amountCents}
    where workspace_id = ${ctx.workspaceId} and id = ${distributorId} and available_cents >= ${input.amountCents}
    returning id`);
  if (!taken) {
    const left = (await one<{ available: number }>(ctx.db, sql`
      select available_cents::float8 as available from distributors where workspace_id = ${ctx.workspaceId} and id = ${distributorId}`))!;
    throw new InsufficientBalanceError(left.available, input.amountCents);
  }
  const w = (await one<{ id: string }>(ctx.db, sql`
    insert into distribution_withdrawals (workspace_id, distributor_id, amount_cents, idempotency_key, requested_by)
    values (${ctx.workspaceId}, ${distributorId}, ${input.amountCents}, ${input.idempotencyKey}, ${actorUserId(ctx.actor)}::uuid) returning id`))!;
  await recordAudit(ctx, 'distribution.withdrawal_requested', 'distribution_withdrawal', w.id, { distributorId, amountCents: input.amountCents });
  return getWithdrawal(ctx, w.id);
}

