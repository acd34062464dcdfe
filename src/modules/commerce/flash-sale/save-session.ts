import crypto from 'node:crypto';
import { one, rows, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { AppError, notFound } from '../../../core/errors.js';
import type { SessionInput } from './contracts.js';
import { getSession, type FlashSession } from './session-row.js';

/** Splits `stock` over `k` buckets as evenly as it goes: the first `stock % k` get one more. */
export const splitStock = (stock: number, k: number) => Array.from({ length: k }, (_, i) => Math.floor(stock / k) + (i < stock % k ? 1 : 0));

const byId = <T extends { skuId: string }>(items: readonly T[]) => [...items].sort((a, b) => (a.skuId < b.skuId ? -1 : a.skuId > b.skuId ? 1 : 0));

/**
 * Sets each item's sale stock aside: one guarded decrement of the SKU's own stock (`stock >= saleStock`), in
 * SKU id order, so the sale never sells a unit the catalogue also sells. Then the stock is split over the
 * session's buckets.
 */
async function reserveItems(ctx: TenantCtx, sessionId: string, input: SessionInput): Promise<void> {
  const index = new Map(input.items.map((it, i) => [it.skuId, i]));
  for (const it of byId(input.items)) {
    const i = index.get(it.skuId)!;
    const taken = await one(ctx.db, sql`
      update product_skus set stock = stock - ${it.saleStock}, updated_at = now()
      where workspace_id = ${ctx.workspaceId} and id = ${it.skuId} and stock >= ${it.saleStock} returning id`);
    if (!taken) {
      const sku = await one<{ stock: number }>(ctx.db, sql`select stock from product_skus where workspace_id = ${ctx.workspaceId} and id = ${it.skuId}`);
      if (!sku) throw new AppError('not_found', 'sku not found', [{ path: `items.${i}.skuId`, message: 'no such SKU' }]);
      throw new AppError('conflict', 'sku: not enough stock to set aside', [{ path: `items.${i}.saleStock`, message: `only ${sku.stock} in stock` }]);
    }
    await ctx.db.execute(sql`
      insert into flash_sale_items (workspace_id, session_id, sku_id, position, sale_price_cents, sale_stock)
      values (${ctx.workspaceId}, ${sessionId}, ${it.skuId}, ${i}, ${it.salePriceCents}, ${it.saleStock})`);
    const split = splitStock(it.saleStock, input.bucketCount);
    await ctx.db.execute(sql`
      insert into flash_sale_buckets (workspace_id, session_id, sku_id, bucket_no, stock)
      select ${ctx.workspaceId}, ${sessionId}, ${it.skuId}, n - 1, s from unnest(${`{${split.join(',')}}`}::int[]) with ordinality as t(s, n)`);
  }
}

/** What is left in the buckets goes back to the SKUs' stock, and the items (and their buckets) go. */
async function releaseItems(ctx: TenantCtx, sessionId: string): Promise<void> {
  const left = await rows<{ skuId: string; left: number }>(ctx.db, sql`
    select sku_id as "skuId", sum(stock)::int as left from flash_sale_buckets
    where workspace_id = ${ctx.workspaceId} and session_id = ${sessionId} group by sku_id order by sku_id`);
  for (const l of left) {
    if (l.left > 0) await ctx.db.execute(sql`update product_skus set stock = stock + ${l.left}, updated_at = now() where workspace_id = ${ctx.workspaceId} and id = ${l.skuId}`);
  }
  await ctx.db.execute(sql`delete from flash_sale_items where workspace_id = ${ctx.workspaceId} and session_id = ${sessionId}`);
}

async function checkCommunity(ctx: TenantCtx, communityId: string | null): Promise<void> {
  if (!communityId) return;
  const found = await one(ctx.db, sql`select 1 from communities where workspace_id = ${ctx.workspaceId} and id = ${communityId}`);
  if (!found) throw new AppError('not_found', 'community not found', [{ path: 'communityId', message: 'no such community' }]);
}

export async function createSession(ctx: TenantCtx, input: SessionInput): Promise<FlashSession> {
  await checkCommunity(ctx, input.communityId);
  const id = crypto.randomUUID();
  await ctx.db.execute(sql`
    insert into flash_sale_sessions (workspace_id, id, name, starts_at, ends_at, per_member_limit, enabled, bucket_count, community_id, reminder_text, remind_minutes_before)
    values (${ctx.workspaceId}, ${id}, ${input.name}, ${input.startsAt}, ${input.endsAt}, ${input.perMemberLimit}, ${input.enabled}, ${input.bucketCount},
      ${input.communityId}, ${input.reminderText}, ${input.remindMinutesBefore})`);
  await reserveItems(ctx, id, input);
  return getSession(ctx, id);
}

const sameItems = (a: FlashSession, b: SessionInput) =>
  a.bucketCount === b.bucketCount && a.items.length === b.items.length
  && a.items.every((x, i) => x.skuId === b.items[i]!.skuId && x.saleStock === b.items[i]!.saleStock && x.salePriceCents === b.items[i]!.salePriceCents);

/**
 * Replaces a session. Its SKUs, prices, stock and buckets change only before it starts and before anyone
 * was admitted (the old allotments go back to the SKUs and the new ones are taken); after that only the
 * name, the end, the limit, the switch and the reminder change (409 on `items`).
 */
export async function updateSession(ctx: TenantCtx, id: string, input: SessionInput): Promise<FlashSession> {
  const locked = await one<{ started: boolean; admitted: boolean }>(ctx.db, sql`
    select starts_at <= now() as started,
      exists (select 1 from flash_sale_admissions a where a.workspace_id = s.workspace_id and a.session_id = s.id) as admitted
    from flash_sale_sessions s where s.workspace_id = ${ctx.workspaceId} and s.id = ${id} for update`);
  if (!locked) throw notFound('flash sale');
  await checkCommunity(ctx, input.communityId);
  const before = await getSession(ctx, id);
  const itemsChange = !sameItems(before, input);
  if (itemsChange && (locked.started || locked.admitted)) {
    throw new AppError('conflict', 'flash sale: its SKUs, prices and stock are fixed once it has started or admitted a buyer',
      [{ path: 'items', message: 'fixed once the session has started or admitted a buyer' }]);
  }
  if ((locked.started || locked.admitted) && Date.parse(input.startsAt) !== before.startsAt.getTime()) {
    throw new AppError('conflict', 'flash sale: the start is fixed once it has started', [{ path: 'startsAt', message: 'fixed once the session has started' }]);
  }
  await ctx.db.execute(sql`
    update flash_sale_sessions set name = ${input.name}, starts_at = ${input.startsAt}, ends_at = ${input.endsAt}, per_member_limit = ${input.perMemberLimit},
      enabled = ${input.enabled}, bucket_count = ${input.bucketCount}, community_id = ${input.communityId}, reminder_text = ${input.reminderText},
      remind_minutes_before = ${input.remindMinutesBefore}, updated_at = now()
    where workspace_id = ${ctx.workspaceId} and id = ${id}`);
  if (itemsChange) {
    await releaseItems(ctx, id);
    await reserveItems(ctx, id, input);
  }
  return getSession(ctx, id);
}

/** Deletes a session nobody was admitted to; its stock goes back to the SKUs (409 on `enabled` otherwise: switch it off). */
export async function deleteSession(ctx: TenantCtx, id: string): Promise<void> {
  const locked = await one<{ admitted: boolean }>(ctx.db, sql`
    select exists (select 1 from flash_sale_admissions a where a.workspace_id = s.workspace_id and a.session_id = s.id) as admitted
    from flash_sale_sessions s where s.workspace_id = ${ctx.workspaceId} and s.id = ${id} for update`);
  if (!locked) throw notFound('flash sale');
  if (locked.admitted) throw new AppError('conflict', 'flash sale: buyers were admitted; switch it off instead', [{ path: 'enabled', message: 'buyers were admitted: switch it off instead' }]);
  await releaseItems(ctx, id);
  await ctx.db.execute(sql`delete from flash_sale_sessions where workspace_id = ${ctx.workspaceId} and id = ${id}`);
}
