import type { z } from 'zod';
import { rows, sql } from '../../db/client.js';
import type { TenantCtx } from '../../core/context.js';
import { AppError, notFound } from '../../core/errors.js';
import { getOrder, type OrderDetail } from '../commerce/orders/get-order.js';
import type { Group } from '../commerce/group-buy/groups.js';
import { getDeal } from '../commerce/group-buy/deals.js';
import type { memberGroupSchema, memberOrderSchema } from './commerce-contracts.js';

/** Idempotency keys from a member's page, namespaced so one member's key never answers (and shows) another's order. */
export const memberScopedKey = (memberId: string, key: string) => `m:${memberId}:${key}`;

/** What a member sees of their own order: no attribution, no history notes, no other member. */
export function orderView(o: OrderDetail): z.infer<typeof memberOrderSchema> {
  return {
    id: o.id, status: o.status, currency: o.currency, subtotalCents: o.subtotalCents, discountCents: o.discountCents, totalCents: o.totalCents,
    paidCents: o.paidCents, refundedCents: o.refundedCents, discounts: o.discounts.map((d) => ({ source: d.source, amountCents: d.amountCents })),
    lines: o.lines.map((l) => ({ productName: l.productName, skuName: l.skuName, unitPriceCents: l.unitPriceCents, quantity: l.quantity, lineCents: l.lineCents })),
    payments: o.payments.map((p) => ({ id: p.id, provider: p.provider, amountCents: p.amountCents, status: p.status, createdAt: p.createdAt })),
    expiresAt: o.expiresAt, createdAt: o.createdAt, paidAt: o.paidAt, cancelledAt: o.cancelledAt,
  };
}

/** The member's own order; another member's is "not found", exactly as if it did not exist. */
export async function ownOrder(ctx: TenantCtx, memberId: string, orderId: string): Promise<OrderDetail> {
  let order: OrderDetail;
  try {
    order = await getOrder(ctx, orderId);
  } catch (e) {
    if (e instanceof AppError && e.status === 404) throw notFound('order');
    throw e;
  }
  if (order.memberId !== memberId) throw notFound('order');
  return order;
}

/**
 * The community an order from the member page is attributed to: the group the link was opened from when the
 * member is in it, else the only group they are in now, else none. A stale or foreign id is ignored, never trusted.
 */
export async function communityFor(ctx: TenantCtx, memberId: string, wanted?: string): Promise<string | undefined> {
  const mine = await rows<{ id: string }>(ctx.db, sql`
    select community_id as id from memberships where workspace_id = ${ctx.workspaceId} and member_id = ${memberId} and left_at is null`);
  if (wanted && mine.some((c) => c.id === wanted)) return wanted;
  return mine.length === 1 ? mine[0]!.id : undefined;
}

/** createOrder names the order's lines (`lines.0.quantity`); the member's form has one SKU, so the field is named plainly. */
export function asFormError(e: unknown): unknown {
  if (!(e instanceof AppError) || !e.fields.some((f) => f.path.startsWith('lines.'))) return e;
  const fields = e.fields.map((f) => ({ ...f, path: f.path.replace(/^lines\.\d+\./, '') }));
  return new AppError(e.code, fields.map((f) => `${f.path}: ${f.message}`).join('; '), fields);
}

/** A group as any member of the workspace may see it through its share link: display names, not ids or orders. */
export async function groupView(ctx: TenantCtx, memberId: string, g: Group): Promise<z.infer<typeof memberGroupSchema>> {
  const deal = await getDeal(ctx, g.dealId);
  const seat = g.members.find((m) => m.memberId === memberId);
  return {
    id: g.id, dealId: g.dealId, dealName: g.dealName, productName: deal.productName, skuName: deal.skuName, priceCents: deal.skuPriceCents,
    groupPriceCents: g.groupPriceCents, size: g.size, status: g.status, seatsTaken: g.seatsTaken, paidCount: g.paidCount, expiresAt: g.expiresAt, createdAt: g.createdAt,
    members: g.members.map((m) => ({ name: m.memberName ?? '', role: m.role, paid: m.paidAt !== null, released: m.releasedAt !== null, you: m.memberId === memberId })),
    mine: seat ? { orderId: seat.orderId, orderStatus: seat.orderStatus } : null,
  };
}
