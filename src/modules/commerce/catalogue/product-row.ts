import { one, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';
import { paginate } from '../../../core/pagination.js';
import type { z } from 'zod';
import type { listProductsSchema } from './contracts.js';

export interface Sku { id: string; productId: string; name: string; priceCents: number; currency: string; stock: number; createdAt: Date; updatedAt: Date }
export interface Product { id: string; name: string; description: string; status: 'on_sale' | 'off_sale'; skus: Sku[]; createdAt: Date; updatedAt: Date }

const SKU_JSON = sql`coalesce((select json_agg(json_build_object('id', s.id, 'productId', s.product_id, 'name', s.name, 'priceCents', s.price_cents,
    'currency', s.currency, 'stock', s.stock, 'createdAt', s.created_at, 'updatedAt', s.updated_at) order by s.created_at, s.id)
  from product_skus s where s.workspace_id = p.workspace_id and s.product_id = p.id), '[]'::json)`;

const PRODUCT_SELECT = (ctx: TenantCtx) => sql`
  select p.id, p.name, p.description, p.status, p.created_at as "createdAt", p.updated_at as "updatedAt", ${SKU_JSON} as skus
  from products p where p.workspace_id = ${ctx.workspaceId}`;

// json_build_object leaves timestamps as text: the contract answers Dates.
const withDates = (p: Product): Product => ({
  ...p, skus: p.skus.map((s) => ({ ...s, createdAt: new Date(s.createdAt), updatedAt: new Date(s.updatedAt) })),
});

export async function getProduct(ctx: TenantCtx, id: string): Promise<Product> {
  const row = await one<Product>(ctx.db, sql`${PRODUCT_SELECT(ctx)} and p.id = ${id}`);
  if (!row) throw notFound('product');
  return withDates(row);
}

/** Products newest first, each with its SKUs and their stock. */
export async function listProducts(ctx: TenantCtx, q: z.infer<typeof listProductsSchema>) {
  const page = await paginate<Product>(ctx.db, q, sql`${PRODUCT_SELECT(ctx)}
    ${q.status ? sql`and p.status = ${q.status}` : sql``} ${q.q ? sql`and p.name ilike ${'%' + q.q + '%'}` : sql``}`,
  sql`"createdAt" desc, id desc`);
  return { ...page, items: page.items.map(withDates) };
}

export async function getSku(ctx: TenantCtx, id: string): Promise<Sku> {
  const row = await one<Sku>(ctx.db, sql`
    select id, product_id as "productId", name, price_cents as "priceCents", currency, stock, created_at as "createdAt", updated_at as "updatedAt"
    from product_skus where workspace_id = ${ctx.workspaceId} and id = ${id}`);
  if (!row) throw notFound('sku');
  return row;
}
