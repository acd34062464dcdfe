import { sql } from '../../../db/client.js';
import type { Actor, TenantCtx } from '../../../core/context.js';

export const actorLabel = (a: Actor) => (a.kind === 'user' ? `user:${a.userId}` : a.kind === 'api_key' ? `api_key:${a.apiKeyId}` : a.kind === 'member' ? `member:${a.memberId}` : `system:${a.name}`);

/** Appends to an order's state history; called only by a transition that took effect. */
export async function recordTransition(ctx: TenantCtx, t: { orderId: string; from: string | null; to: string; amountCents?: number | null; note?: string | null }): Promise<void> {
  await ctx.db.execute(sql`
    insert into order_transitions (workspace_id, order_id, from_status, to_status, amount_cents, note, actor)
    values (${ctx.workspaceId}, ${t.orderId}, ${t.from}, ${t.to}, ${t.amountCents ?? null}, ${t.note ?? null}, ${actorLabel(ctx.actor)})`);
}
