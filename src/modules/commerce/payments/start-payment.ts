import crypto from 'node:crypto';
import { one, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { AppError, notFound } from '../../../core/errors.js';
import type { Payment } from '../orders/get-order.js';
import { providerNamed } from './providers.js';

export const PAYMENT_COLUMNS = sql`id, order_id as "orderId", provider, provider_txn_id as "providerTxnId", amount_cents::float8 as "amountCents", status, failure,
  pay_url as "payUrl", created_at as "createdAt", settled_at as "settledAt"`;

/** Asks a provider to take an unpaid order's total. A new attempt is allowed after a failed one; the order is paid when a notification says so. */
export async function startPayment(ctx: TenantCtx, orderId: string, providerName = 'sandbox'): Promise<Payment> {
  const provider = providerNamed(providerName);
  const order = await one<{ status: string; total: number; currency: string }>(ctx.db, sql`
    select status, total_cents::float8 as total, currency from orders where workspace_id = ${ctx.workspaceId} and id = ${orderId} for update`);
  if (!order) throw notFound('order');
  if (order.status !== 'created') throw new AppError('conflict', `order: it is ${order.status}, not waiting for payment`, [{ path: 'status', message: `the order is ${order.status}` }]);
  const paymentId = crypto.randomUUID();
  const created = await provider.createPayment(ctx, { paymentId, orderId, amountCents: order.total, currency: order.currency, description: `order ${orderId}` });
  const row = await one<Payment>(ctx.db, sql`
    insert into payments (workspace_id, id, order_id, provider, provider_txn_id, amount_cents, pay_url)
    values (${ctx.workspaceId}, ${paymentId}, ${orderId}, ${provider.name}, ${created.providerTxnId}, ${order.total}, ${created.payUrl})
    returning ${PAYMENT_COLUMNS}`);
  return row!;
}
