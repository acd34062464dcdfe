import { one, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';
import type { CreateProductInput, NewSkuInput, ProductInput, SkuInput } from './contracts.js';
import { getProduct, getSku } from './product-row.js';

export async function createProduct(ctx: TenantCtx, input: CreateProductInput) {
  const row = await one<{ id: string }>(ctx.db, sql`
    insert into products (workspace_id, name, description, status) values (${ctx.workspaceId}, ${input.name}, ${input.description}, ${input.status})
    returning id`);
  for (const sku of input.skus) await insertSku(ctx, row!.id, sku);
  return getProduct(ctx, row!.id);
}

/** Name, description and on/off sale; SKUs and stock change through their own verbs. */
export async function updateProduct(ctx: TenantCtx, id: string, input: ProductInput) {
  const row = await one(ctx.db, sql`
    update products set name = ${input.name}, description = ${input.description}, status = ${input.status}, updated_at = now()
    where workspace_id = ${ctx.workspaceId} and id = ${id} returning id`);
  if (!row) throw notFound('product');
  return getProduct(ctx, id);
}

export async function addSku(ctx: TenantCtx, productId: string, input: NewSkuInput) {
  const found = await one(ctx.db, sql`select 1 from products where workspace_id = ${ctx.workspaceId} and id = ${productId}`);
  if (!found) throw notFound('product');
  await insertSku(ctx, productId, input);
  return getProduct(ctx, productId);
}

/** A SKU's spec and price from now on; orders already placed keep the price they were placed at. Stock is untouched. */
export async function updateSku(ctx: TenantCtx, id: string, input: SkuInput) {
  const row = await one(ctx.db, sql`
    update product_skus set name = ${input.name}, price_cents = ${input.priceCents}, updated_at = now()
    where workspace_id = ${ctx.workspaceId} and id = ${id} returning id`);
  if (!row) throw notFound('sku');
  return getSku(ctx, id);
}

async function insertSku(ctx: TenantCtx, productId: string, sku: NewSkuInput) {
  await ctx.db.execute(sql`
    insert into product_skus (workspace_id, product_id, name, price_cents, stock)
    values (${ctx.workspaceId}, ${productId}, ${sku.name}, ${sku.priceCents}, ${sku.stock})`);
}
