import { rows, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import type { StoredEvent } from '../../event-listeners.js';
import { isSubstantiveText } from '../../analytics/substantive-text.js';
import { awardActivityPoints } from './award-activity-points.js';
import { clawBackOrderPoints, recordOrderEarning } from './claw-back-order-points.js';

/**
 * Event listener: the earn rules driven straight by events. A substantive message in a group earns the
 * `message` rule; a paid order earns the `order` rule per whole yuan. Keys come from the event, so a
 * re-ingested event never pays twice. Check-ins and qualified invites are awarded by the modules that
 * decide them (a check-in is one per day, an invite qualifies hours later). A refunded order gives back
 * its share of what the order earned, however old the order.
 */
// Only what happened in the last day earns: importing last year's chat export must not pay out a year of points.
const RECENT_MS = 24 * 3600_000;

export async function awardEventPoints(ctx: TenantCtx, events: readonly StoredEvent[]): Promise<void> {
  const since = Date.now() - RECENT_MS;
  const earning = events.filter((e) => !e.echo && e.occurredAt.getTime() >= since && (
    (e.type === 'message.sent' && e.communityId && isSubstantiveText(e.data.text as string | undefined)) || e.type === 'order.paid'));
  const refunds = events.filter((e) => !e.echo && e.type === 'order.refunded');
  if (!earning.length && !refunds.length) return;
  // Accounts are locked in one order (member, then time), so two intake batches never wait on each other in a cycle.
  const byLockOrder = (a: StoredEvent, b: StoredEvent) => (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : a.occurredAt.getTime() - b.occurredAt.getTime());
  // Most workspaces pay for neither; an intake batch should not pay for finding that out per event.
  const enabled = new Set((await rows<{ activity: string }>(ctx.db, sql`
    select activity from points_earn_rules where workspace_id = ${ctx.workspaceId} and enabled and activity in ('message', 'order')`)).map((r) => r.activity));
  for (const e of [...earning, ...refunds].sort(byLockOrder)) {
    if (e.type === 'order.refunded') {
      await clawBackOrderPoints(ctx, { eventId: e.id, orderId: String(e.data.orderId), refundCents: Number(e.data.amountCents) });
      continue;
    }
    if (!enabled.has(e.type === 'order.paid' ? 'order' : 'message')) continue;
    if (e.type === 'order.paid') {
      const yuan = Math.floor(Number(e.data.amountCents) / 100);
      if (yuan < 1) continue;
      const orderId = String(e.data.orderId);
      const posting = await awardActivityPoints(ctx, { memberId: e.memberId, activity: 'order', idempotencyKey: `order:${orderId}`, at: e.occurredAt, quantity: yuan });
      if (posting?.created) await recordOrderEarning(ctx, { orderId, memberId: e.memberId, entryId: posting.entryId, paidCents: Number(e.data.amountCents), points: posting.amount });
    } else {
      await awardActivityPoints(ctx, { memberId: e.memberId, activity: 'message', idempotencyKey: `message:${e.id}`, at: e.occurredAt });
    }
  }
}
