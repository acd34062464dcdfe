import crypto from 'node:crypto';
import { one, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { AppError, notFound } from '../../../core/errors.js';
import { getCommerceSettings } from '../orders/settings.js';
import type { PaymentProvider, ProviderNotification } from './provider.js';

export const SANDBOX_SIGNATURE_HEADER = 'x-sandbox-signature';

/** The signing secret: SHEQUN_SANDBOX_PAY_SECRET when set (one for the whole instance), else the workspace's own. */
export async function sandboxSecret(ctx: TenantCtx): Promise<string> {
  return process.env.SHEQUN_SANDBOX_PAY_SECRET || (await getCommerceSettings(ctx)).sandboxSecret;
}

export const signSandboxBody = (secret: string, body: string) => crypto.createHmac('sha256', secret).update(body).digest('hex');

/** Queues a signed notification for the payments.sandbox job to deliver, as a real provider would call back later. */
async function queueNotification(ctx: TenantCtx, n: Omit<ProviderNotification, 'notificationId' | 'workspaceId'>): Promise<ProviderNotification> {
  const full: ProviderNotification = { notificationId: `sbn_${crypto.randomUUID()}`, workspaceId: ctx.workspaceId, ...n };
  const body = JSON.stringify(full);
  await ctx.db.execute(sql`
    insert into sandbox_payment_outbox (workspace_id, body, signature) values (${ctx.workspaceId}, ${body}, ${signSandboxBody(await sandboxSecret(ctx), body)})`);
  return full;
}

/** A provider that moves no money: payments wait for an operator (or a test) to pay or fail them; refunds always succeed. */
export const sandboxProvider: PaymentProvider = {
  name: 'sandbox',
  async createPayment(_ctx, p) {
    return { providerTxnId: `sbx_${p.paymentId}`, payUrl: null };
  },
  async refund(ctx, r) {
    const providerRefundId = `sbxr_${r.refundId}`;
    await queueNotification(ctx, { kind: 'refund.succeeded', providerRefundId, amountCents: r.amountCents });
    return { providerRefundId };
  },
  parseNotification(rawBody) {
    let n: unknown;
    try { n = JSON.parse(rawBody); } catch { return null; }
    const v = n as Partial<ProviderNotification>;
    const kinds = ['payment.succeeded', 'payment.failed', 'refund.succeeded', 'refund.failed'];
    if (!v || typeof v.notificationId !== 'string' || typeof v.workspaceId !== 'string' || !kinds.includes(String(v.kind))
      || !Number.isInteger(v.amountCents) || (v.amountCents as number) < 0) return null;
    return v as ProviderNotification;
  },
  async verifyNotification(ctx, n) {
    const given = n.headers[SANDBOX_SIGNATURE_HEADER];
    if (typeof given !== 'string' || !/^[0-9a-f]{64}$/.test(given)) return false;
    const expected = signSandboxBody(await sandboxSecret(ctx), n.rawBody);
    return crypto.timingSafeEqual(Buffer.from(given, 'hex'), Buffer.from(expected, 'hex'));
  },
};

/** The sandbox's "pay page" button: the pending payment succeeds or fails, told by a signed notification delivered shortly after. */
export async function completeSandboxPayment(ctx: TenantCtx, paymentId: string, outcome: 'succeeded' | 'failed'): Promise<ProviderNotification> {
  const p = await one<{ provider: string; txn: string; status: string; amount: number }>(ctx.db, sql`
    select provider, provider_txn_id as txn, status, amount_cents::float8 as amount from payments where workspace_id = ${ctx.workspaceId} and id = ${paymentId}`);
  if (!p) throw notFound('payment');
  if (p.provider !== 'sandbox') throw new AppError('conflict', 'payment: not a sandbox payment', [{ path: 'provider', message: `paid through ${p.provider}` }]);
  if (p.status !== 'pending') throw new AppError('conflict', `payment: already ${p.status}`, [{ path: 'status', message: `the payment is ${p.status}` }]);
  return queueNotification(ctx, outcome === 'succeeded'
    ? { kind: 'payment.succeeded', providerTxnId: p.txn, amountCents: p.amount }
    : { kind: 'payment.failed', providerTxnId: p.txn, amountCents: p.amount, failure: 'declined in the sandbox' });
}
