import crypto from 'node:crypto';
import { one, rows, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { AppError, notFound } from '../../../core/errors.js';
import { createOrder } from '../orders/create-order.js';
import { admitInputSchema, type AdmitInput } from './contracts.js';

export interface Admitted { admitted: true; admissionId: string; sessionId: string; skuId: string; memberId: string; quantity: number; orderId: string; totalCents: number; created: boolean }
/** Why a buyer was not admitted; `path` names the field, as an AppError would. */
export interface Refused { admitted: false; reason: 'not_open' | 'switched_off' | 'member_limit' | 'sold_out'; path: string; message: string }

const refuse = (reason: Refused['reason'], path: string, message: string): Refused => ({ admitted: false, reason, path, message });

/** A refusal as the API answers it (409 on its field). */
export const refusalError = (r: Refused) => new AppError('conflict', `flash sale: ${r.message}`, [{ path: r.path, message: r.message }]);

async function answerFor(ctx: TenantCtx, sessionId: string, key: string): Promise<Admitted | null> {
  const a = await one<Omit<Admitted, 'admitted' | 'created' | 'totalCents'> & { totalCents: number }>(ctx.db, sql`
    select a.id as "admissionId", a.session_id as "sessionId", a.sku_id as "skuId", a.member_id as "memberId", a.quantity, a.order_id as "orderId",
      o.total_cents::float8 as "totalCents"
    from flash_sale_admissions a join orders o on o.workspace_id = a.workspace_id and o.id = a.order_id
    where a.workspace_id = ${ctx.workspaceId} and a.session_id = ${sessionId} and a.idempotency_key = ${key}`);
  return a ? { admitted: true, ...a, created: false } : null;
}

/**
 * Admits a buyer to a flash sale, or says why not. Nothing is read and written back:
 * 1. the admission row goes in under its unique `(session, idempotency key)`, so a replay, even a
 *    concurrent one, answers the first admission;
 * 2. the member's counter is one guarded upsert (`bought + q <= limit`) under that row's lock, so two
 *    requests of one member queue on their own row and the second sees the first's units;
 * 3. the units come from one of the SKU's K bucket rows, by a guarded decrement (`stock >= q`), starting at
 *    a random bucket and trying the others in turn, so concurrent buyers spread over K rows instead of
 *    queueing on one, and no bucket goes below 0 (a CHECK is the last word);
 * 4. the order is placed through `createOrder` with `stockHeld` (the bucket holds the units, the SKU's own
 *    stock is not touched again) and a `flash_sale` discount that brings each unit to the sale price.
 * A refusal rolls steps 1–3 back to a savepoint and counts itself on a random bucket, then the caller's
 * transaction commits only that count. Units go back to their bucket when the order is cancelled unpaid
 * (return-units.ts). A quantity is taken from one bucket: a buyer of 3 may be refused when 3 are left
 * spread over buckets of 1 (the sale is about 1 or 2 each; the limit keeps it so).
 */
export async function admitBuyer(ctx: TenantCtx, sessionId: string, raw: AdmitInput, now = new Date()): Promise<Admitted | Refused> {
  const input = admitInputSchema.parse(raw);
  const s = await one<{ startsAt: Date; endsAt: Date; enabled: boolean; perMemberLimit: number; bucketCount: number; communityId: string | null; salePriceCents: number | null; priceCents: number | null }>(ctx.db, sql`
    select s.starts_at as "startsAt", s.ends_at as "endsAt", s.enabled, s.per_member_limit as "perMemberLimit", s.bucket_count as "bucketCount",
      s.community_id as "communityId", i.sale_price_cents as "salePriceCents", k.price_cents as "priceCents"
    from flash_sale_sessions s
    left join flash_sale_items i on i.workspace_id = s.workspace_id and i.session_id = s.id and i.sku_id = ${input.skuId}
    left join product_skus k on k.workspace_id = i.workspace_id and k.id = i.sku_id
    where s.workspace_id = ${ctx.workspaceId} and s.id = ${sessionId}`);
  if (!s) throw notFound('flash sale');
  if (s.salePriceCents === null || s.priceCents === null) throw new AppError('not_found', 'sku not in this flash sale', [{ path: 'skuId', message: 'not sold in this session' }]);
  const replay = await answerFor(ctx, sessionId, input.idempotencyKey);
  if (replay) return replay;
  const member = await one(ctx.db, sql`select 1 from members where workspace_id = ${ctx.workspaceId} and id = ${input.memberId}`);
  if (!member) throw new AppError('not_found', 'member not found', [{ path: 'memberId', message: 'no such member' }]);

  const refused = await (async () => {
    if (now < s.startsAt) return refuse('not_open', 'startsAt', 'the sale has not started');
    if (now >= s.endsAt) return refuse('not_open', 'endsAt', 'the sale is over');
    if (!s.enabled) return refuse('switched_off', 'enabled', 'the sale is switched off');
    if (input.quantity > s.perMemberLimit) return refuse('member_limit', 'quantity', `at most ${s.perMemberLimit} per member`);
    return null;
  })() ?? await tryAdmit(ctx, sessionId, input, s);
  if (refused.admitted) return refused;
  // Counted on a random bucket of the SKU: a refusal storm after the sell-out spreads like the buying did.
  await ctx.db.execute(sql`
    update flash_sale_buckets set refused = refused + 1
    where workspace_id = ${ctx.workspaceId} and session_id = ${sessionId} and sku_id = ${input.skuId} and bucket_no = ${crypto.randomInt(s.bucketCount)}`);
  return refused;
}

async function tryAdmit(ctx: TenantCtx, sessionId: string, input: ReturnType<typeof admitInputSchema.parse>,
  s: { perMemberLimit: number; bucketCount: number; communityId: string | null; salePriceCents: number | null; priceCents: number | null }): Promise<Admitted | Refused> {
  const q = input.quantity;
  await ctx.db.execute(sql.raw('savepoint flash_sale_admit'));
  const undo = async (r: Refused) => { await ctx.db.execute(sql.raw('rollback to savepoint flash_sale_admit')); return r; };
  const orderId = crypto.randomUUID();
  const placed = await one<{ id: string }>(ctx.db, sql`
    insert into flash_sale_admissions (workspace_id, session_id, sku_id, member_id, quantity, order_id, idempotency_key)
    values (${ctx.workspaceId}, ${sessionId}, ${input.skuId}, ${input.memberId}, ${q}, ${orderId}, ${input.idempotencyKey})
    on conflict (workspace_id, session_id, idempotency_key) do nothing returning id`);
  if (!placed) {
    // The same key committed first in a concurrent request.
    await ctx.db.execute(sql.raw('release savepoint flash_sale_admit'));
    return (await answerFor(ctx, sessionId, input.idempotencyKey))!;
  }
  const counted = await one(ctx.db, sql`
    insert into flash_sale_member_counts as c (workspace_id, session_id, member_id, bought) values (${ctx.workspaceId}, ${sessionId}, ${input.memberId}, ${q})
    on conflict (workspace_id, session_id, member_id) do update set bought = c.bought + excluded.bought
      where c.bought + excluded.bought <= ${s.perMemberLimit}
    returning bought`);
  if (!counted) return undo(refuse('member_limit', 'memberId', `at most ${s.perMemberLimit} per member`));
  // The buckets that had enough a moment ago (a plain read, which waits for no lock), tried from a random one.
  const open = (await rows<{ n: number }>(ctx.db, sql`
    select bucket_no as n from flash_sale_buckets
    where workspace_id = ${ctx.workspaceId} and session_id = ${sessionId} and sku_id = ${input.skuId} and stock >= ${q} order by bucket_no`)).map((r) => r.n);
  const start = open.length ? crypto.randomInt(open.length) : 0;
  let bucket: number | null = null;
  for (let i = 0; i < open.length && bucket === null; i++) {
    const n = open[(start + i) % open.length]!;
    const took = await one(ctx.db, sql`
      update flash_sale_buckets set stock = stock - ${q}
      where workspace_id = ${ctx.workspaceId} and session_id = ${sessionId} and sku_id = ${input.skuId} and bucket_no = ${n} and stock >= ${q}
      returning bucket_no`);
    if (took) bucket = n;
  }
  if (bucket === null) return undo(refuse('sold_out', 'skuId', 'sold out'));
  await ctx.db.execute(sql`update flash_sale_admissions set bucket_no = ${bucket} where workspace_id = ${ctx.workspaceId} and id = ${placed.id}`);
  const order = await createOrder(ctx, {
    orderId, memberId: input.memberId, lines: [{ skuId: input.skuId, quantity: q }], idempotencyKey: `flash-sale:${sessionId}:${input.idempotencyKey}`,
    attribution: { ...(s.communityId ? { communityId: s.communityId } : {}), campaign: `flash-sale:${sessionId}` },
    // The SKU's price less the sale price, per unit; a sale price above today's SKU price sells at the SKU price.
    discounts: [{ source: 'flash_sale', ref: sessionId, amountCents: Math.max(0, s.priceCents! - s.salePriceCents!) * q }],
    stockHeld: true,
  });
  await ctx.db.execute(sql.raw('release savepoint flash_sale_admit'));
  return { admitted: true, admissionId: placed.id, sessionId, skuId: input.skuId, memberId: input.memberId, quantity: q, orderId: order.id, totalCents: order.totalCents, created: true };
}
