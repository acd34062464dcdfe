import { one, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';
import { getSku, type Sku } from './product-row.js';

/**
 * Adds units to a SKU. It is an increment, never an overwrite, so a restock racing with orders loses none
 * of their decrements; the idempotency key makes a retried restock add nothing more.
 */
export async function restockSku(ctx: TenantCtx, id: string, input: { quantity: number; idempotencyKey: string }): Promise<Sku & { created: boolean }> {
  const sku = await one(ctx.db, sql`select 1 from product_skus where workspace_id = ${ctx.workspaceId} and id = ${id}`);
  if (!sku) throw notFound('sku');
  const fresh = await one(ctx.db, sql`
    insert into sku_restocks (workspace_id, idempotency_key, sku_id, quantity) values (${ctx.workspaceId}, ${input.idempotencyKey}, ${id}, ${input.quantity})
    on conflict do nothing returning sku_id`);
  if (fresh) await ctx.db.execute(sql`update product_skus set stock = stock + ${input.quantity}, updated_at = now() where workspace_id = ${ctx.workspaceId} and id = ${id}`);
  return { ...(await getSku(ctx, id)), created: !!fresh };
}

/** Gives units back (a cancelled order's lines); called only by the transition that cancels, so once. */
export async function returnStock(ctx: TenantCtx, lines: readonly { skuId: string; quantity: number }[]): Promise<void> {
  const sorted = [...lines].sort((a, b) => (a.skuId < b.skuId ? -1 : a.skuId > b.skuId ? 1 : 0));
  for (const l of sorted) {
    await ctx.db.execute(sql`update product_skus set stock = stock + ${l.quantity}, updated_at = now() where workspace_id = ${ctx.workspaceId} and id = ${l.skuId}`);
  }
}
