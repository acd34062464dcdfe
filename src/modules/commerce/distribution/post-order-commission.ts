import { one, rows, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { getDistributionSettings } from './settings.js';

export interface PaidOrder { orderId: string; customerMemberId: string; amountCents: number; paidAt: Date }
export interface CommissionPosting { distributorId: string; tier: 1 | 2; amountCents: number; entryId: string }

/**
 * Commission of a paid order, frozen until the refund window passes: tier 1 to the distributor the customer
 * is bound to at the time of payment, tier 2 to that distributor's upline, and nobody further up (two tiers
 * at most). Each is floor(paid × rate / 10000) cents; a share that rounds to 0 is not posted. Only a sale
 * pays: approving a distributor or recruiting one posts nothing. Keys `commission:<orderId>:<tier>` and the
 * order row make a replayed payment post nothing more. Answers what was posted now.
 */
export async function postOrderCommission(ctx: TenantCtx, order: PaidOrder): Promise<CommissionPosting[]> {
  if (!Number.isInteger(order.amountCents) || order.amountCents < 1) return [];
  const at = order.paidAt.toISOString();
  const chain = await rows<{ id: string; tier: 1 | 2 }>(ctx.db, sql`
    select d.id, 1 as tier from distribution_bindings b
    join distributors d on d.workspace_id = b.workspace_id and d.id = b.distributor_id and d.status = 'approved'
    where b.workspace_id = ${ctx.workspaceId} and b.customer_member_id = ${order.customerMemberId}
      and b.bound_at <= ${at} and (b.expires_at is null or b.expires_at > ${at})
    union all
    select u.id, 2 as tier from distribution_bindings b
    join distributors d on d.workspace_id = b.workspace_id and d.id = b.distributor_id and d.status = 'approved'
    join distributors u on u.workspace_id = d.workspace_id and u.id = d.upline_id and u.status = 'approved'
    where b.workspace_id = ${ctx.workspaceId} and b.customer_member_id = ${order.customerMemberId}
      and b.bound_at <= ${at} and (b.expires_at is null or b.expires_at > ${at})
    order by tier`);
  if (!chain.length) return [];
  const fresh = await one(ctx.db, sql`
    insert into distribution_orders (workspace_id, order_id, customer_member_id, paid_cents, paid_at)
    values (${ctx.workspaceId}, ${order.orderId}, ${order.customerMemberId}, ${order.amountCents}, ${at})
    on conflict do nothing returning order_id`);
  if (!fresh) return [];
  const settings = await getDistributionSettings(ctx);
  const releaseAt = new Date(order.paidAt.getTime() + settings.refundWindowDays * 86_400_000).toISOString();
  const posted: CommissionPosting[] = [];
  // Tier 1 before tier 2: every posting locks a distributor before its upline, so postings never wait in a cycle.
  for (const d of chain) {
    const rate = d.tier === 1 ? settings.tier1Bps : settings.tier2Bps;
    const amount = Math.floor((order.amountCents * rate) / 10_000);
    if (amount < 1) continue;
    const entry = await one<{ id: string }>(ctx.db, sql`
      insert into distribution_commissions (workspace_id, distributor_id, order_id, tier, kind, amount_cents, base_cents, rate_bps, status, release_at, idempotency_key)
      values (${ctx.workspaceId}, ${d.id}, ${order.orderId}, ${d.tier}, 'commission', ${amount}, ${order.amountCents}, ${rate}, 'frozen', ${releaseAt},
        ${`commission:${order.orderId}:${d.tier}`})
      on conflict (workspace_id, idempotency_key) do nothing returning id`);
    if (!entry) continue;
    await ctx.db.execute(sql`
      update distributors set frozen_cents = frozen_cents + ${amount} where workspace_id = ${ctx.workspaceId} and id = ${d.id}`);
    posted.push({ distributorId: d.id, tier: d.tier, amountCents: amount, entryId: entry.id });
  }
  return posted;
}
