import { one, rows, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';

export interface OrderRefund { eventId: string; orderId: string; refundCents: number }
export interface Reversal { distributorId: string; tier: number; amountCents: number; fromFrozen: boolean; owedCents: number }

/**
 * A refund takes back the refunded share of each tier's commission: floor(commission × refunded so far /
 * paid) in all, less what earlier refunds took, so partial refunds add up to the whole and never go beyond
 * it. Frozen commission simply shrinks; commission already released is taken from the available balance by
 * a negative entry, and what the balance cannot cover (already withdrawn) is owed and paid from the next
 * releases, so a balance never goes negative. One refund event reverses once (its row is claimed first).
 * Null when the order paid no commission or the event was handled already.
 */
export async function reverseOrderCommission(ctx: TenantCtx, refund: OrderRefund): Promise<Reversal[] | null> {
  const order = await one<{ paidCents: number; refundedCents: number }>(ctx.db, sql`
    select paid_cents::float8 as "paidCents", refunded_cents::float8 as "refundedCents" from distribution_orders
    where workspace_id = ${ctx.workspaceId} and order_id = ${refund.orderId} for update`);
  if (!order) return null;
  const claimed = await one(ctx.db, sql`
    insert into distribution_refunds (workspace_id, event_id, order_id, refund_cents)
    values (${ctx.workspaceId}, ${refund.eventId}, ${refund.orderId}, ${Math.max(0, refund.refundCents)})
    on conflict do nothing returning event_id`);
  if (!claimed) return null;
  const refunded = Math.min(order.paidCents, order.refundedCents + Math.max(0, refund.refundCents));
  const commissions = await rows<{ id: string; distributorId: string; tier: number; amount: number; reversed: number; status: string; releaseAt: Date }>(ctx.db, sql`
    select id, distributor_id as "distributorId", tier, amount_cents::float8 as amount, reversed_cents::float8 as reversed, status, release_at as "releaseAt"
    from distribution_commissions where workspace_id = ${ctx.workspaceId} and order_id = ${refund.orderId} and kind = 'commission' order by tier`);
  const out: Reversal[] = [];
  for (const c of commissions) {
    const delta = Math.floor((c.amount * refunded) / order.paidCents) - c.reversed;
    if (delta <= 0) continue;
    // The distributor's row first, then its entries: the lock order of the release job and of withdrawals.
    const d = (await one<{ available: number }>(ctx.db, sql`
      select available_cents::float8 as available from distributors where workspace_id = ${ctx.workspaceId} and id = ${c.distributorId} for update`))!;
    const status = (await one<{ status: string }>(ctx.db, sql`
      select status from distribution_commissions where workspace_id = ${ctx.workspaceId} and id = ${c.id} for update`))!.status;
    const frozen = status === 'frozen';
    const take = frozen ? 0 : Math.min(delta, d.available);
    const owed = frozen ? 0 : delta - take;
    if (frozen) {
      await ctx.db.execute(sql`update distributors set frozen_cents = frozen_cents - ${delta} where workspace_id = ${ctx.workspaceId} and id = ${c.distributorId}`);
    } else {
      await ctx.db.execute(sql`
        update distributors set available_cents = available_cents - ${take}, owed_cents = owed_cents + ${owed}
        where workspace_id = ${ctx.workspaceId} and id = ${c.distributorId}`);
    }
    await ctx.db.execute(sql`
      insert into distribution_commissions (workspace_id, distributor_id, order_id, tier, kind, amount_cents, base_cents, rate_bps, status,
        release_at, released_at, reverses_id, event_id, idempotency_key)
      select workspace_id, distributor_id, order_id, tier, 'reversal', ${-delta}, ${Math.max(0, refund.refundCents)}, rate_bps, ${frozen ? 'frozen' : 'available'},
        release_at, case when ${frozen} then null else now() end, id, ${refund.eventId}, ${`reversal:${refund.eventId}:${c.tier}`}
      from distribution_commissions where workspace_id = ${ctx.workspaceId} and id = ${c.id}`);
    await ctx.db.execute(sql`
      update distribution_commissions set reversed_cents = reversed_cents + ${delta} where workspace_id = ${ctx.workspaceId} and id = ${c.id}`);
    out.push({ distributorId: c.distributorId, tier: c.tier, amountCents: delta, fromFrozen: frozen, owedCents: owed });
  }
  await ctx.db.execute(sql`
    update distribution_orders set refunded_cents = ${refunded} where workspace_id = ${ctx.workspaceId} and order_id = ${refund.orderId}`);
  await ctx.db.execute(sql`
    update distribution_refunds set reversed_cents = ${out.reduce((s, r) => s + r.amountCents, 0)}
    where workspace_id = ${ctx.workspaceId} and event_id = ${refund.eventId}`);
  return out;
}
