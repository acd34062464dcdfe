import { one, rows, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';
import { paginate, type PageQuery } from '../../../core/pagination.js';

export type SessionState = 'upcoming' | 'live' | 'ended';
export interface SessionItem { skuId: string; productName: string; skuName: string; priceCents: number; salePriceCents: number; saleStock: number; sold: number; left: number }
export interface FlashSession {
  id: string; name: string; startsAt: Date; endsAt: Date; perMemberLimit: number; enabled: boolean; bucketCount: number; state: SessionState;
  communityId: string | null; reminderText: string | null; remindMinutesBefore: number; remindedAt: Date | null; reminderError: string | null;
  items: SessionItem[]; createdAt: Date; updatedAt: Date;
}

const COLUMNS = sql`s.id, s.name, s.starts_at as "startsAt", s.ends_at as "endsAt", s.per_member_limit as "perMemberLimit", s.enabled,
  s.bucket_count as "bucketCount",
  case when now() < s.starts_at then 'upcoming' when now() < s.ends_at then 'live' else 'ended' end as state,
  s.community_id as "communityId", s.reminder_text as "reminderText", s.remind_minutes_before as "remindMinutesBefore",
  s.reminded_at as "remindedAt", s.reminder_error as "reminderError", s.created_at as "createdAt", s.updated_at as "updatedAt"`;

async function withItems(ctx: TenantCtx, sessions: Omit<FlashSession, 'items'>[]): Promise<FlashSession[]> {
  if (!sessions.length) return [];
  const items = await rows<SessionItem & { sessionId: string }>(ctx.db, sql`
    select i.session_id as "sessionId", i.sku_id as "skuId", p.name as "productName", k.name as "skuName", k.price_cents as "priceCents",
      i.sale_price_cents as "salePriceCents", i.sale_stock as "saleStock",
      (select coalesce(sum(b.stock), 0)::int from flash_sale_buckets b
        where b.workspace_id = i.workspace_id and b.session_id = i.session_id and b.sku_id = i.sku_id) as left
    from flash_sale_items i
    join product_skus k on k.workspace_id = i.workspace_id and k.id = i.sku_id
    join products p on p.workspace_id = k.workspace_id and p.id = k.product_id
    where i.workspace_id = ${ctx.workspaceId} and i.session_id in (${sql.join(sessions.map((s) => sql`${s.id}::uuid`), sql`, `)})
    order by i.session_id, i.position`);
  return sessions.map((s) => ({
    ...s,
    items: items.filter((i) => i.sessionId === s.id).map(({ sessionId: _, ...i }) => ({ ...i, sold: i.saleStock - i.left })),
  }));
}

export async function getSession(ctx: TenantCtx, id: string): Promise<FlashSession> {
  const row = await one<Omit<FlashSession, 'items'>>(ctx.db, sql`select ${COLUMNS} from flash_sale_sessions s where s.workspace_id = ${ctx.workspaceId} and s.id = ${id}`);
  if (!row) throw notFound('flash sale');
  return (await withItems(ctx, [row]))[0]!;
}

/** Sessions, the latest start first, optionally only upcoming, live or ended ones. */
export async function listSessions(ctx: TenantCtx, q: PageQuery & { state?: SessionState }) {
  const state = q.state === 'upcoming' ? sql`and now() < s.starts_at` : q.state === 'live' ? sql`and now() >= s.starts_at and now() < s.ends_at`
    : q.state === 'ended' ? sql`and now() >= s.ends_at` : sql``;
  const page = await paginate<Omit<FlashSession, 'items'>>(ctx.db, q, sql`
    select ${COLUMNS} from flash_sale_sessions s where s.workspace_id = ${ctx.workspaceId} ${state}`, sql`"startsAt" desc, id`);
  return { ...page, items: await withItems(ctx, page.items) };
}

/** sold / left / admitted / returned / refused, from the buckets and the admissions (docs/commerce.md, "Flash sale"). */
export async function getSessionStats(ctx: TenantCtx, id: string) {
  await getSession(ctx, id);
  const perSku = await rows<{ skuId: string; saleStock: number; left: number; buckets: number[]; refused: number }>(ctx.db, sql`
    select i.sku_id as "skuId", i.sale_stock as "saleStock", coalesce(sum(b.stock), 0)::int as left,
      coalesce(array_agg(b.stock order by b.bucket_no) filter (where b.bucket_no is not null), '{}') as buckets,
      coalesce(sum(b.refused), 0)::int as refused
    from flash_sale_items i left join flash_sale_buckets b on b.workspace_id = i.workspace_id and b.session_id = i.session_id and b.sku_id = i.sku_id
    where i.workspace_id = ${ctx.workspaceId} and i.session_id = ${id} group by i.sku_id, i.sale_stock, i.position order by i.position`);
  const a = (await one<{ admitted: number; returned: number }>(ctx.db, sql`
    select count(*)::int as admitted, (count(*) filter (where status = 'returned'))::int as returned
    from flash_sale_admissions where workspace_id = ${ctx.workspaceId} and session_id = ${id}`))!;
  const left = perSku.reduce((s, p) => s + p.left, 0);
  return {
    sessionId: id,
    sold: perSku.reduce((s, p) => s + p.saleStock - p.left, 0),
    left,
    admitted: a.admitted,
    returned: a.returned,
    refused: perSku.reduce((s, p) => s + p.refused, 0),
    perSku: perSku.map((p) => ({ skuId: p.skuId, sold: p.saleStock - p.left, left: p.left, buckets: p.buckets.map(Number) })),
  };
}
