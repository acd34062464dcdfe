import { one, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { getDistributionSettings } from '../distribution/index.js';

export interface LeaderAttribution { leaderId: string; commissionCents: number; created: boolean }

/**
 * Called by the orders module inside markOrderPaid, right after its guarded created → paid transition, for
 * every paid order (with or without the buyer's channel identity, which the order.paid event needs). An
 * order of a community with an active leader is that leader's to hand over: it is recorded once (the
 * order id is the key), with the pickup point and rate as they are now, and earns the leader
 * floor(paid × bps / 10000) cents, frozen until the refund window (distribution's `refundWindowDays`) passes.
 * A commission that rounds to 0 is not posted; the order is still collected. Null for an order of no leader.
 */
export async function recordLeaderOrder(ctx: TenantCtx, orderId: string): Promise<LeaderAttribution | null> {
  const found = await one<{ leaderId: string; communityId: string; memberId: string; paidCents: number; paidAt: Date; bps: number }>(ctx.db, sql`
    select l.id as "leaderId", o.community_id as "communityId", o.member_id as "memberId", o.paid_cents::float8 as "paidCents", o.paid_at as "paidAt",
      l.commission_bps as bps
    from orders o join group_leaders l on l.workspace_id = o.workspace_id and l.community_id = o.community_id and l.status = 'active'
    where o.workspace_id = ${ctx.workspaceId} and o.id = ${orderId} and o.paid_at is not null`);
  if (!found) return null;
  const amount = Math.floor((found.paidCents * found.bps) / 10_000);
  const placed = await one(ctx.db, sql`
    insert into leader_orders (workspace_id, order_id, leader_id, community_id, buyer_member_id, paid_cents, commission_bps, commission_cents,
      pickup_name, pickup_address, pickup_phone, pickup_hours, paid_at)
    select workspace_id, ${orderId}, id, community_id, ${found.memberId}, ${found.paidCents}, commission_bps, ${amount},
      pickup_name, pickup_address, pickup_phone, pickup_hours, ${new Date(found.paidAt).toISOString()}
    from group_leaders where workspace_id = ${ctx.workspaceId} and id = ${found.leaderId}
    on conflict do nothing returning order_id`);
  if (!placed) return { leaderId: found.leaderId, commissionCents: 0, created: false };
  if (amount < 1) return { leaderId: found.leaderId, commissionCents: 0, created: true };
  const { refundWindowDays } = await getDistributionSettings(ctx);
  const releaseAt = new Date(new Date(found.paidAt).getTime() + refundWindowDays * 86_400_000).toISOString();
  const entry = await one(ctx.db, sql`
    insert into leader_commissions (workspace_id, leader_id, order_id, kind, amount_cents, status, release_at, idempotency_key)
    values (${ctx.workspaceId}, ${found.leaderId}, ${orderId}, 'commission', ${amount}, 'frozen', ${releaseAt}, ${`leader:${orderId}`})
    on conflict (workspace_id, idempotency_key) do nothing returning id`);
  if (entry) {
    await ctx.db.execute(sql`update group_leaders set frozen_cents = frozen_cents + ${amount} where workspace_id = ${ctx.workspaceId} and id = ${found.leaderId}`);
  }
  return { leaderId: found.leaderId, commissionCents: entry ? amount : 0, created: true };
}
