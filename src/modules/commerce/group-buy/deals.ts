import { one, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { AppError, notFound } from '../../../core/errors.js';
import { paginate, type PageQuery } from '../../../core/pagination.js';
import type { DealInput } from './contracts.js';

export interface Deal {
  id: string; name: string; skuId: string; skuName: string; productName: string; skuPriceCents: number;
  groupSize: number; windowHours: number; groupPriceCents: number; enabled: boolean; validFrom: Date | null; validUntil: Date | null;
  groupsOpen: number; groupsSucceeded: number; groupsFailed: number; createdAt: Date; updatedAt: Date;
}

const DEAL_SELECT = (ctx: TenantCtx) => sql`
  select d.id, d.name, d.sku_id as "skuId", s.name as "skuName", p.name as "productName", s.price_cents as "skuPriceCents",
    d.group_size as "groupSize", d.window_hours as "windowHours", d.group_price_cents as "groupPriceCents", d.enabled,
    d.valid_from as "validFrom", d.valid_until as "validUntil",
    (select count(*)::int from group_buy_groups g where g.workspace_id = d.workspace_id and g.deal_id = d.id and g.status = 'open') as "groupsOpen",
    (select count(*)::int from group_buy_groups g where g.workspace_id = d.workspace_id and g.deal_id = d.id and g.status = 'succeeded') as "groupsSucceeded",
    (select count(*)::int from group_buy_groups g where g.workspace_id = d.workspace_id and g.deal_id = d.id and g.status = 'failed') as "groupsFailed",
    d.created_at as "createdAt", d.updated_at as "updatedAt"
  from group_buy_deals d
  join product_skus s on s.workspace_id = d.workspace_id and s.id = d.sku_id
  join products p on p.workspace_id = s.workspace_id and p.id = s.product_id
  where d.workspace_id = ${ctx.workspaceId}`;

/** Deals, enabled first, newest first, with how many of their groups are open, succeeded and failed. */
export function listDeals(ctx: TenantCtx, q: PageQuery & { enabled?: boolean }) {
  return paginate<Deal>(ctx.db, q, sql`${DEAL_SELECT(ctx)} ${q.enabled === undefined ? sql`` : sql`and d.enabled = ${q.enabled}`}`,
    sql`enabled desc, "createdAt" desc, id`);
}

export async function getDeal(ctx: TenantCtx, id: string): Promise<Deal> {
  const row = await one<Deal>(ctx.db, sql`${DEAL_SELECT(ctx)} and d.id = ${id}`);
  if (!row) throw notFound('deal');
  return row;
}

/** The SKU must be this workspace's, and the group price no more than its price (the group price is a discount). */
async function checkSku(ctx: TenantCtx, input: DealInput): Promise<void> {
  const sku = await one<{ price: number }>(ctx.db, sql`select price_cents as price from product_skus where workspace_id = ${ctx.workspaceId} and id = ${input.skuId}`);
  if (!sku) throw new AppError('not_found', 'sku not found', [{ path: 'skuId', message: 'no such SKU' }]);
  if (input.groupPriceCents > sku.price) {
    throw new AppError('validation', 'groupPriceCents: above the SKU price', [{ path: 'groupPriceCents', message: `must be at most the SKU price, ${sku.price} cents` }]);
  }
}

export async function createDeal(ctx: TenantCtx, input: DealInput): Promise<Deal> {
  await checkSku(ctx, input);
  const row = await one<{ id: string }>(ctx.db, sql`
    insert into group_buy_deals (workspace_id, name, sku_id, group_size, window_hours, group_price_cents, enabled, valid_from, valid_until)
    values (${ctx.workspaceId}, ${input.name}, ${input.skuId}, ${input.groupSize}, ${input.windowHours}, ${input.groupPriceCents}, ${input.enabled},
      ${input.validFrom}, ${input.validUntil})
    returning id`);
  return getDeal(ctx, row!.id);
}

/** Replaces a deal's terms; groups already open keep the size and price they were opened with. */
export async function updateDeal(ctx: TenantCtx, id: string, input: DealInput): Promise<Deal> {
  await checkSku(ctx, input);
  const row = await one(ctx.db, sql`
    update group_buy_deals set name = ${input.name}, sku_id = ${input.skuId}, group_size = ${input.groupSize}, window_hours = ${input.windowHours},
      group_price_cents = ${input.groupPriceCents}, enabled = ${input.enabled}, valid_from = ${input.validFrom}, valid_until = ${input.validUntil}, updated_at = now()
    where workspace_id = ${ctx.workspaceId} and id = ${id} returning id`);
  if (!row) throw notFound('deal');
  return getDeal(ctx, id);
}

/** Deletes a deal nobody has opened a group of (409 on enabled otherwise: switch it off instead). */
export async function deleteDeal(ctx: TenantCtx, id: string): Promise<void> {
  const used = await one(ctx.db, sql`select 1 from group_buy_groups where workspace_id = ${ctx.workspaceId} and deal_id = ${id} limit 1`);
  if (used) throw new AppError('conflict', 'deal: it has groups', [{ path: 'enabled', message: 'groups were opened on this deal: switch it off instead' }]);
  const row = await one(ctx.db, sql`delete from group_buy_deals where workspace_id = ${ctx.workspaceId} and id = ${id} returning id`);
  if (!row) throw notFound('deal');
}
