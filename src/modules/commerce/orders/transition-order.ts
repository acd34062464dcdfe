import { one, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { AppError, notFound } from '../../../core/errors.js';
import { returnStock } from '../catalogue/restock-sku.js';
import type { OrderStatus } from './contracts.js';
import { getOrder, getOrderLines, type OrderDetail } from './get-order.js';
import { recordTransition } from './record-transition.js';
import { emitOrderEvent } from './emit-order-event.js';
import { ORDER_HOOKS } from '../order-hooks.js';
import { attributeDistributor, attributeLastTouch } from './attribute-at-payment.js';

/**
 * Every transition is one guarded update (`where status = <from>`): of two concurrent transitions of one
 * order the second finds the row changed and does nothing, so each takes effect once.
 */
async function guarded(ctx: TenantCtx, id: string, from: readonly OrderStatus[], to: OrderStatus, set = sql``) {
  return one<{ from: OrderStatus; memberId: string; communityId: string | null; distributorId: string | null; totalCents: number; currency: string }>(ctx.db, sql`
    update orders set status = ${to}, updated_at = now() ${set}
    where workspace_id = ${ctx.workspaceId} and id = ${id} and status in (${sql.join(from.map((f) => sql`${f}`), sql`, `)})
    returning ${from.length === 1 ? sql`${from[0]}::text` : sql`status_before_refund`} as "from", member_id as "memberId", community_id as "communityId",
      distributor_id as "distributorId", total_cents::float8 as "totalCents", currency`);
}

async function refused(ctx: TenantCtx, id: string, what: string): Promise<AppError> {
  const row = await one<{ status: string }>(ctx.db, sql`select status from orders where workspace_id = ${ctx.workspaceId} and id = ${id}`);
  if (!row) return notFound('order');
  return new AppError('conflict', `order: cannot ${what} an order that is ${row.status}`, [{ path: 'status', message: `the order is ${row.status}` }]);
}

/**
 * created → paid, with the amount the provider confirmed. Emits `order.paid` (event id `order.paid:<id>`).
 * False when the order was no longer waiting for payment (cancelled, or paid already).
 */
export async function markOrderPaid(ctx: TenantCtx, id: string, p: { amountCents: number; note?: string }): Promise<boolean> {
  const row = await guarded(ctx, id, ['created'], 'paid', sql`, paid_cents = ${p.amountCents}, paid_at = now()`);
  if (!row) return false;
  await recordTransition(ctx, { orderId: id, from: row.from, to: 'paid', amountCents: p.amountCents, note: p.note ?? null });
  await attributeLastTouch(ctx, id);
  // What follows a payment elsewhere (group-buy seats, leaders' orders: ../order-hooks.ts), once, as this transition happens once.
  for (const hook of ORDER_HOOKS.paid) await hook(ctx, id);
  await emitOrderEvent(ctx, { type: 'order.paid', eventId: `order.paid:${id}`, orderId: id, memberId: row.memberId, communityId: row.communityId, amountCents: p.amountCents, currency: row.currency, distributorId: row.distributorId });
  await attributeDistributor(ctx, id);
  return true;
}

/** created → cancelled, its stock (and its coupon, per the coupon's rule) returned by the same transition, so exactly once. False when it was not unpaid any more. */
export async function tryCancelOrder(ctx: TenantCtx, id: string, reason: string): Promise<boolean> {
  const row = await guarded(ctx, id, ['created'], 'cancelled', sql`, cancelled_at = now(), cancel_reason = ${reason}`);
  if (!row) return false;
  // What the order held elsewhere goes back (../order-hooks.ts): seats, coupons, and units a module set aside
  // itself; other units go back to their SKUs.
  for (const hook of ORDER_HOOKS.cancelled) await hook(ctx, id);
  let unitsReturned = false;
  for (const hook of ORDER_HOOKS.returnsUnits) unitsReturned = (await hook(ctx, id)) || unitsReturned;
  if (!unitsReturned) await returnStock(ctx, await getOrderLines(ctx, id));
  await recordTransition(ctx, { orderId: id, from: row.from, to: 'cancelled', note: reason });
  return true;
}

export async function cancelOrder(ctx: TenantCtx, id: string, reason = 'cancelled by staff'): Promise<OrderDetail> {
  if (!(await tryCancelOrder(ctx, id, reason))) throw await refused(ctx, id, 'cancel');
  return getOrder(ctx, id);
}

/** paid → fulfilled (shipped or handed over). */
export async function fulfilOrder(ctx: TenantCtx, id: string, note?: string): Promise<OrderDetail> {
  const row = await guarded(ctx, id, ['paid'], 'fulfilled');
  if (!row) throw await refused(ctx, id, 'fulfil');
  await recordTransition(ctx, { orderId: id, from: row.from, to: 'fulfilled', note: note ?? null });
  return getOrder(ctx, id);
}

/** fulfilled → completed (received; after-sales is over). */
export async function completeOrder(ctx: TenantCtx, id: string, note?: string): Promise<OrderDetail> {
  const row = await guarded(ctx, id, ['fulfilled'], 'completed');
  if (!row) throw await refused(ctx, id, 'complete');
  await recordTransition(ctx, { orderId: id, from: row.from, to: 'completed', note: note ?? null });
  return getOrder(ctx, id);
}

/**
 * paid/fulfilled → refund_requested for `amountCents`, refused when it would take the refunds past what was
 * paid. One refund is in flight at a time; the status to return to is kept for a partial refund.
 */
export async function beginRefund(ctx: TenantCtx, id: string, amountCents: number): Promise<void> {
  const row = await guarded(ctx, id, ['paid', 'fulfilled'], 'refund_requested', sql`, status_before_refund = status`);
  if (!row) throw await refused(ctx, id, 'refund');
  const left = await one<{ left: number }>(ctx.db, sql`
    select (paid_cents - refunded_cents)::float8 as left from orders where workspace_id = ${ctx.workspaceId} and id = ${id}`);
  if (amountCents > left!.left) {
    throw new AppError('conflict', `order: at most ${left!.left} cents are left to refund`, [{ path: 'amountCents', message: `at most ${left!.left} cents are left to refund` }]);
  }
  await recordTransition(ctx, { orderId: id, from: row.from, to: 'refund_requested', amountCents });
}

/**
 * The provider's answer to a refund: succeeded adds it to refunded_cents (the CHECK keeps the sum within
 * the paid amount) and leaves the order refunded when nothing is left, or back where it was otherwise, and
 * emits `order.refunded` (event id `order.refunded:<refundId>`); failed puts the order back.
 */
export async function finishRefund(ctx: TenantCtx, id: string, r: { refundId: string; amountCents: number; succeeded: boolean }): Promise<boolean> {
  const row = await one<{ from: OrderStatus; to: OrderStatus; memberId: string; communityId: string | null; currency: string }>(ctx.db, r.succeeded ? sql`
    update orders set refunded_cents = refunded_cents + ${r.amountCents},
      status = case when refunded_cents + ${r.amountCents} >= paid_cents then 'refunded' else status_before_refund end,
      status_before_refund = null, updated_at = now()
    where workspace_id = ${ctx.workspaceId} and id = ${id} and status = 'refund_requested'
    returning 'refund_requested' as "from", status as "to", member_id as "memberId", community_id as "communityId", currency` : sql`
    update orders set status = status_before_refund, status_before_refund = null, updated_at = now()
    where workspace_id = ${ctx.workspaceId} and id = ${id} and status = 'refund_requested'
    returning 'refund_requested' as "from", status as "to", member_id as "memberId", community_id as "communityId", currency`);
  if (!row) return false;
  await recordTransition(ctx, { orderId: id, from: row.from, to: row.to, amountCents: r.amountCents, note: r.succeeded ? 'refund succeeded' : 'refund failed' });
  if (r.succeeded) {
    for (const hook of ORDER_HOOKS.refunded) await hook(ctx, { refundId: r.refundId, orderId: id, amountCents: r.amountCents });
    await emitOrderEvent(ctx, { type: 'order.refunded', eventId: `order.refunded:${r.refundId}`, orderId: id, memberId: row.memberId, communityId: row.communityId, amountCents: r.amountCents, currency: row.currency });
  }
  return true;
}
