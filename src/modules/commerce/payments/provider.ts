import type { TenantCtx } from '../../../core/context.js';

/** What a provider says happened, in the platform's words. */
export interface ProviderNotification {
  /** Unique per notification at the provider: a replay carries the same id and changes nothing. */
  notificationId: string;
  /** The workspace the notification is for (a WeChat Pay adapter knows it from its merchant id or URL). */
  workspaceId: string;
  kind: 'payment.succeeded' | 'payment.failed' | 'refund.succeeded' | 'refund.failed';
  /** The provider's transaction id of the payment (payment.*) */
  providerTxnId?: string;
  /** The provider's id of the refund (refund.*) */
  providerRefundId?: string;
  amountCents: number;
  failure?: string;
}

export interface CreatedPayment { providerTxnId: string; payUrl: string | null }

/**
 * The seam between orders and a payment provider. Orders never speak a provider's API: they ask for a
 * payment or a refund, and learn the outcome only from a verified notification, so a WeChat Pay adapter is
 * one more implementation of this interface (registered in providers.ts) and no order logic changes.
 */
export interface PaymentProvider {
  readonly name: string;
  /** Asks the provider to take `amountCents` for an order; the outcome arrives later as a notification. */
  createPayment(ctx: TenantCtx, p: { paymentId: string; orderId: string; amountCents: number; currency: string; description: string }): Promise<CreatedPayment>;
  /** Asks for part or all of a succeeded payment back; the outcome arrives later as a notification. */
  refund(ctx: TenantCtx, r: { refundId: string; paymentId: string; providerTxnId: string; amountCents: number; paidCents: number }): Promise<{ providerRefundId: string }>;
  /** Reads an incoming notification's body without trusting it (the signature is checked next, with the workspace's key). */
  parseNotification(rawBody: string): ProviderNotification | null;
  /** Whether the notification really comes from the provider (signature over the exact body). */
  verifyNotification(ctx: TenantCtx, n: { rawBody: string; headers: Record<string, string | string[] | undefined> }): Promise<boolean>;
}
