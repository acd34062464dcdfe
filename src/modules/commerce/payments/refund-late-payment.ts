import { one, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import type { PaymentProvider } from './provider.js';

/**
 * Money that arrived for an order already closed (cancelled unpaid: its timeout, staff, a failed group-buy)
 * goes straight back to the payer, in full, through the provider that took it. The refund's key is the
 * payment's, so however often this runs the payment is refunded once. The order stays cancelled: its refund
 * settles the refund row only (finishRefund finds no refund_requested order and leaves it alone).
 */
export async function refundLatePayment(ctx: TenantCtx, provider: PaymentProvider, p: { paymentId: string; orderId: string; providerTxnId: string; amountCents: number }): Promise<void> {
  const row = await one<{ id: string }>(ctx.db, sql`
    insert into refunds (workspace_id, order_id, payment_id, provider, amount_cents, reason, idempotency_key)
    values (${ctx.workspaceId}, ${p.orderId}, ${p.paymentId}, ${provider.name}, ${p.amountCents}, 'paid after the order was closed', ${`late-payment:${p.paymentId}`})
    on conflict do nothing returning id`);
  if (!row) return;
  const asked = await provider.refund(ctx, { refundId: row.id, paymentId: p.paymentId, providerTxnId: p.providerTxnId, amountCents: p.amountCents, paidCents: p.amountCents });
  await ctx.db.execute(sql`update refunds set provider_refund_id = ${asked.providerRefundId} where workspace_id = ${ctx.workspaceId} and id = ${row.id}`);
}
