import { one, sql, type Database } from '../../../db/client.js';
import { withTenant, type TenantCtx } from '../../../core/context.js';
import { AppError } from '../../../core/errors.js';
import { finishRefund, markOrderPaid } from '../orders/transition-order.js';
import type { PaymentProvider, ProviderNotification } from './provider.js';
import { providerNamed } from './providers.js';
import { refundLatePayment } from './refund-late-payment.js';

export type NotificationOutcome = 'paid' | 'paid_after_close' | 'payment_failed' | 'refunded' | 'refund_failed' | 'amount_mismatch' | 'unknown_payment' | 'replayed';

/**
 * Applies one verified notification in the caller's transaction. Its id is claimed first (unique per
 * provider), so a replay finds the claim and changes nothing; the payment or refund then moves by a guarded
 * update from pending, and the order by its own guarded transition.
 */
export async function applyNotification(ctx: TenantCtx, provider: PaymentProvider, n: ProviderNotification): Promise<NotificationOutcome> {
  const claimed = await one(ctx.db, sql`
    insert into payment_notifications (workspace_id, provider, notification_id, kind, body, outcome)
    values (${ctx.workspaceId}, ${provider.name}, ${n.notificationId}, ${n.kind}, ${JSON.stringify(n)}::jsonb, 'pending')
    on conflict do nothing returning notification_id`);
  if (!claimed) return 'replayed';
  const outcome = await apply(ctx, provider, n);
  await ctx.db.execute(sql`update payment_notifications set outcome = ${outcome}
    where workspace_id = ${ctx.workspaceId} and provider = ${provider.name} and notification_id = ${n.notificationId}`);
  return outcome;
}

async function apply(ctx: TenantCtx, provider: PaymentProvider, n: ProviderNotification): Promise<NotificationOutcome> {
  if (n.kind === 'payment.succeeded' || n.kind === 'payment.failed') {
    const p = await one<{ id: string; orderId: string; amount: number }>(ctx.db, sql`
      select id, order_id as "orderId", amount_cents::float8 as amount from payments
      where workspace_id = ${ctx.workspaceId} and provider = ${provider.name} and provider_txn_id = ${n.providerTxnId ?? ''}`);
    if (!p) return 'unknown_payment';
    if (n.kind === 'payment.succeeded' && n.amountCents !== p.amount) return 'amount_mismatch';
    const moved = await one(ctx.db, sql`
      update payments set status = ${n.kind === 'payment.succeeded' ? 'succeeded' : 'failed'}, failure = ${n.failure ?? null}, settled_at = now()
      where workspace_id = ${ctx.workspaceId} and id = ${p.id} and status = 'pending' returning id`);
    if (!moved) return 'replayed';
    if (n.kind === 'payment.failed') return 'payment_failed';
    if (await markOrderPaid(ctx, p.orderId, { amountCents: p.amount, note: `${provider.name} ${n.providerTxnId}` })) return 'paid';
    // The money arrived for an order that was cancelled (timed out) meanwhile: the order is not revived and
    // takes no stock, and the payment goes back in full by itself.
    await refundLatePayment(ctx, provider, { paymentId: p.id, orderId: p.orderId, providerTxnId: n.providerTxnId ?? '', amountCents: p.amount });
    return 'paid_after_close';
  }
  const r = await one<{ id: string; orderId: string; amount: number }>(ctx.db, sql`
    update refunds set status = ${n.kind === 'refund.succeeded' ? 'succeeded' : 'failed'}, settled_at = now()
    where workspace_id = ${ctx.workspaceId} and provider = ${provider.name} and provider_refund_id = ${n.providerRefundId ?? ''} and status = 'pending'
    returning id, order_id as "orderId", amount_cents::float8 as amount`);
  if (!r) return 'replayed';
  await finishRefund(ctx, r.orderId, { refundId: r.id, amountCents: r.amount, succeeded: n.kind === 'refund.succeeded' });
  return n.kind === 'refund.succeeded' ? 'refunded' : 'refund_failed';
}

/**
 * A notification as it arrives over HTTP (or from the sandbox's delivery job): parsed without trust, its
 * workspace looked up, its signature checked with that workspace's key, then applied in one transaction.
 * 400 when unreadable, 401 when the signature is wrong.
 */
export async function receiveNotification(database: Database, providerName: string, rawBody: string, headers: Record<string, string | string[] | undefined>): Promise<NotificationOutcome> {
  const provider = providerNamed(providerName);
  const n = provider.parseNotification(rawBody);
  if (!n) throw new AppError('validation', 'body: not a notification', [{ path: 'body', message: 'not a notification' }]);
  const ws = await one<{ id: string; timeZone: string }>(database.db, sql`select id, time_zone as "timeZone" from workspaces where id::text = ${n.workspaceId}`);
  if (!ws) throw new AppError('unauthorized', 'notification: signature does not verify');
  return withTenant(database, ws, { kind: 'system', name: `payments.${provider.name}` }, async (ctx) => {
    if (!(await provider.verifyNotification(ctx, { rawBody, headers }))) throw new AppError('unauthorized', 'notification: signature does not verify');
    return applyNotification(ctx, provider, n);
  });
}
