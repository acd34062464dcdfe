import type { TenantCtx } from '../../../core/context.js';
import type { StoredEvent } from '../../event-listeners.js';
import { bindCustomer } from './bind-customer.js';
import { postOrderCommission } from './post-order-commission.js';
import { reverseOrderCommission } from './reverse-order-commission.js';

const referralOf = (e: StoredEvent): string | null => {
  const r = e.data.referral;
  return typeof r === 'string' && r.trim() ? r.trim() : null;
};

/**
 * Event listener: a `data.referral` code on member.joined or order.paid binds the member to that code's
 * distributor (by the workspace's binding rule); order.paid posts the commission of a bound customer's
 * order, and order.refunded reverses its share. Events are handled oldest first, so a code arriving with
 * the order binds before the order's commission is worked out.
 */
export async function recordDistributionEvents(ctx: TenantCtx, events: readonly StoredEvent[]): Promise<void> {
  const relevant = events.filter((e) => !e.echo && (
    e.type === 'order.paid' || e.type === 'order.refunded' || (e.type === 'member.joined' && referralOf(e))));
  if (!relevant.length) return;
  const byTime = [...relevant].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const e of byTime) {
    const code = referralOf(e);
    if (code && e.type !== 'order.refunded') await bindCustomer(ctx, { customerMemberId: e.memberId, code, at: e.occurredAt });
    if (e.type === 'order.paid') {
      await postOrderCommission(ctx, { orderId: String(e.data.orderId), customerMemberId: e.memberId, amountCents: Number(e.data.amountCents), paidAt: e.occurredAt });
    } else if (e.type === 'order.refunded') {
      await reverseOrderCommission(ctx, { eventId: e.id, orderId: String(e.data.orderId), refundCents: Number(e.data.amountCents) });
    }
  }
}
