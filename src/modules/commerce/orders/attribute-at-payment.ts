import { one, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { lastTemplateTouch } from '../../automation/templates/last-touch.js';
import { creditedDistributor } from '../distribution/index.js';

/**
 * At payment, an order that does not name the message that sold it is credited to the latest template send
 * that reached its buyer in the day before (the same last-touch rule as a template's outcomes), and takes
 * that send's group when it names none. An attribution the caller gave is never overwritten.
 */
export async function attributeLastTouch(ctx: TenantCtx, orderId: string): Promise<void> {
  const order = await one<{ memberId: string; communityId: string | null; paidAt: Date }>(ctx.db, sql`
    select member_id as "memberId", community_id as "communityId", paid_at as "paidAt" from orders
    where workspace_id = ${ctx.workspaceId} and id = ${orderId} and template_id is null and paid_at is not null`);
  if (!order) return;
  const touch = await lastTemplateTouch(ctx, { memberId: order.memberId, at: new Date(order.paidAt), communityId: order.communityId });
  if (!touch) return;
  await ctx.db.execute(sql`
    update orders set template_id = ${touch.templateId}::uuid, variant = ${touch.variant},
      community_id = coalesce(community_id, ${touch.communityId}::uuid)
    where workspace_id = ${ctx.workspaceId} and id = ${orderId} and template_id is null`);
}

/**
 * After the payment's event was handled (distribution posts commission there), the order is credited to the
 * distributor who earned its tier-1 commission: that is who sold it, whichever distributor the caller named
 * (a first-touch binding can keep the buyer with an earlier one).
 */
export async function attributeDistributor(ctx: TenantCtx, orderId: string): Promise<void> {
  const distributorId = await creditedDistributor(ctx, orderId);
  if (!distributorId) return;
  await ctx.db.execute(sql`
    update orders set distributor_id = ${distributorId}::uuid
    where workspace_id = ${ctx.workspaceId} and id = ${orderId} and distributor_id is distinct from ${distributorId}::uuid`);
}
