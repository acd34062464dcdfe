import { one, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { AppError } from '../../../core/errors.js';
import type { Refund } from '../orders/get-order.js';
import { beginRefund } from '../orders/transition-order.js';
import { providerNamed } from './providers.js';

export const REFUND_COLUMNS = sql`id, order_id as "orderId", payment_id as "paymentId", provider, amount_cents::float8 as "amountCents", reason, status,
  created_at as "createdAt", settled_at as "settledAt"`;

/**
 * Refunds part or all of a paid order through the provider that took the money. The order moves to
 * refund_requested by its guarded transition (refused past what is left to refund, or while another refund
 * is in flight); the provider's notification then settles it. The same idempotency key answers the first refund.
 */
export async function requestRefund(ctx: TenantCtx, orderId: string, input: { amountCents: number; reason: string; idempotencyKey: string }): Promise<Refund & { created: boolean }> {
  const key = `refund:${input.idempotencyKey}`;
  const replay = await one<Refund>(ctx.db, sql`select ${REFUND_COLUMNS} from refunds where workspace_id = ${ctx.workspaceId} and idempotency_key = ${key}`);
  if (replay) return { ...replay, created: false };
  await beginRefund(ctx, orderId, input.amountCents);
  const payment = await one<{ id: string; provider: string; txn: string; paid: number }>(ctx.db, sql`
    select p.id, p.provider, p.provider_txn_id as txn, o.paid_cents::float8 as paid
    from payments p join orders o on o.workspace_id = p.workspace_id and o.id = p.order_id
    where p.workspace_id = ${ctx.workspaceId} and p.order_id = ${orderId} and p.status = 'succeeded' order by p.settled_at desc limit 1`);
  if (!payment) throw new AppError('conflict', 'order: no succeeded payment to refund', [{ path: 'status', message: 'paid without a payment on record' }]);
  const provider = providerNamed(payment.provider);
  const row = await one<{ id: string }>(ctx.db, sql`
    insert into refunds (workspace_id, order_id, payment_id, provider, amount_cents, reason, idempotency_key)
    values (${ctx.workspaceId}, ${orderId}, ${payment.id}, ${provider.name}, ${input.amountCents}, ${input.reason}, ${key}) returning id`);
  const asked = await provider.refund(ctx, { refundId: row!.id, paymentId: payment.id, providerTxnId: payment.txn, amountCents: input.amountCents, paidCents: payment.paid });
  const refund = await one<Refund>(ctx.db, sql`
    update refunds set provider_refund_id = ${asked.providerRefundId} where workspace_id = ${ctx.workspaceId} and id = ${row!.id} returning ${REFUND_COLUMNS}`);
  return { ...refund!, created: true };
}
