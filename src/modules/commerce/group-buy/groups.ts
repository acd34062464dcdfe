import crypto from 'node:crypto';
import { one, rows, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { AppError, notFound } from '../../../core/errors.js';
import { paginate, type PageQuery } from '../../../core/pagination.js';
import { createOrder } from '../orders/create-order.js';
import type { GroupStatus } from './contracts.js';

export interface GroupMember {
  memberId: string; memberName: string | null; role: 'opener' | 'joiner'; orderId: string; orderStatus: string;
  joinedAt: Date; paidAt: Date | null; releasedAt: Date | null; settlement: 'refunded' | 'cancelled' | 'nothing' | null; refundId: string | null; settledAt: Date | null;
}
export interface Group {
  id: string; dealId: string; dealName: string; openerMemberId: string; size: number; groupPriceCents: number; status: GroupStatus;
  seatsTaken: number; paidCount: number; expiresAt: Date; createdAt: Date; succeededAt: Date | null; failedAt: Date | null; members: GroupMember[];
}
export interface SeatInput { memberId: string; idempotencyKey: string; communityId?: string }
export interface Seat { group: Group; orderId: string; created: boolean }

const GROUP_SELECT = (ctx: TenantCtx) => sql`
  select g.id, g.deal_id as "dealId", d.name as "dealName", g.opener_member_id as "openerMemberId", g.size, g.group_price_cents as "groupPriceCents",
    g.status, g.seats_taken as "seatsTaken", g.paid_count as "paidCount", g.expires_at as "expiresAt", g.created_at as "createdAt",
    g.succeeded_at as "succeededAt", g.failed_at as "failedAt"
  from group_buy_groups g join group_buy_deals d on d.workspace_id = g.workspace_id and d.id = g.deal_id
  where g.workspace_id = ${ctx.workspaceId}`;

async function withMembers(ctx: TenantCtx, groups: Omit<Group, 'members'>[]): Promise<Group[]> {
  if (!groups.length) return [];
  const members = await rows<GroupMember & { groupId: string }>(ctx.db, sql`
    select gm.group_id as "groupId", gm.member_id as "memberId", m.display_name as "memberName", gm.role, gm.order_id as "orderId", o.status as "orderStatus",
      gm.joined_at as "joinedAt", gm.paid_at as "paidAt", gm.released_at as "releasedAt", gm.settlement, gm.refund_id as "refundId", gm.settled_at as "settledAt"
    from group_buy_members gm
    join members m on m.workspace_id = gm.workspace_id and m.id = gm.member_id
    join orders o on o.workspace_id = gm.workspace_id and o.id = gm.order_id
    where gm.workspace_id = ${ctx.workspaceId} and gm.group_id in (${sql.join(groups.map((g) => sql`${g.id}`), sql`, `)})
    order by gm.joined_at, gm.member_id`);
  return groups.map((g) => ({ ...g, members: members.filter((m) => m.groupId === g.id).map(({ groupId: _g, ...m }) => m) }));
}

export async function getGroup(ctx: TenantCtx, id: string): Promise<Group> {
  const row = await one<Omit<Group, 'members'>>(ctx.db, sql`${GROUP_SELECT(ctx)} and g.id = ${id}`);
  if (!row) throw notFound('group');
  return (await withMembers(ctx, [row]))[0]!;
}

/** Groups, newest first, each with its members (who, their order and whether it was paid or settled). */
export async function listGroups(ctx: TenantCtx, q: PageQuery & { dealId?: string; status?: GroupStatus }) {
  const page = await paginate<Omit<Group, 'members'>>(ctx.db, q, sql`${GROUP_SELECT(ctx)}
    ${q.dealId ? sql`and g.deal_id = ${q.dealId}` : sql``} ${q.status ? sql`and g.status = ${q.status}` : sql``}`,
  sql`"createdAt" desc, id`);
  return { ...page, items: await withMembers(ctx, page.items) };
}

async function replay(ctx: TenantCtx, idempotencyKey: string): Promise<Seat | null> {
  const had = await one<{ groupId: string; orderId: string }>(ctx.db, sql`
    select group_id as "groupId", order_id as "orderId" from group_buy_members where workspace_id = ${ctx.workspaceId} and idempotency_key = ${idempotencyKey}`);
  return had ? { group: await getGroup(ctx, had.groupId), orderId: had.orderId, created: false } : null;
}

/**
 * The member's order at the group price: the SKU's price less a `group_buy` discount down to the group
 * price, through the orders module (stock taken by its guarded decrement). Refused when the SKU's price is
 * now below the group price, or the order does not come to the group price.
 */
async function placeOrder(ctx: TenantCtx, g: { groupId: string; skuId: string; groupPriceCents: number; communityId?: string | null }, input: SeatInput): Promise<string> {
  const sku = await one<{ price: number }>(ctx.db, sql`select price_cents as price from product_skus where workspace_id = ${ctx.workspaceId} and id = ${g.skuId}`);
  if (!sku) throw new AppError('not_found', 'sku not found', [{ path: 'dealId', message: 'the deal\'s SKU is gone' }]);
  if (sku.price < g.groupPriceCents) throw new AppError('conflict', 'deal: the SKU is now cheaper than the group price', [{ path: 'dealId', message: 'the SKU costs less than the group price' }]);
  const order = await createOrder(ctx, {
    memberId: input.memberId, lines: [{ skuId: g.skuId, quantity: 1 }], idempotencyKey: `group_buy:${input.idempotencyKey}`,
    discounts: [{ source: 'group_buy', ref: g.groupId, amountCents: sku.price - g.groupPriceCents }],
    ...(g.communityId ? { attribution: { communityId: g.communityId } } : {}),
  });
  if (order.totalCents !== g.groupPriceCents) {
    throw new AppError('conflict', 'deal: the SKU price changed meanwhile', [{ path: 'dealId', message: 'the SKU price changed: try again' }]);
  }
  return order.id;
}

/**
 * A member opens a group of an enabled deal within its validity: the group (one seat, theirs), their seat,
 * and their order at the group price, in the caller's transaction. The same key answers the first call.
 */
export async function openGroup(ctx: TenantCtx, dealId: string, input: SeatInput, now = new Date()): Promise<Seat> {
  const had = await replay(ctx, input.idempotencyKey);
  if (had) return had;
  const deal = await one<{ skuId: string; size: number; hours: number; price: number; enabled: boolean; validFrom: Date | null; validUntil: Date | null }>(ctx.db, sql`
    select sku_id as "skuId", group_size as size, window_hours as hours, group_price_cents as price, enabled, valid_from as "validFrom", valid_until as "validUntil"
    from group_buy_deals where workspace_id = ${ctx.workspaceId} and id = ${dealId}`);
  if (!deal) throw notFound('deal');
  if (!deal.enabled) throw new AppError('conflict', 'deal: switched off', [{ path: 'dealId', message: 'the deal is switched off' }]);
  if (deal.validFrom && now < deal.validFrom) throw new AppError('conflict', 'deal: not started', [{ path: 'validFrom', message: 'the deal has not started' }]);
  if (deal.validUntil && now >= deal.validUntil) throw new AppError('conflict', 'deal: over', [{ path: 'validUntil', message: 'the deal is over' }]);
  const member = await one(ctx.db, sql`select 1 from members where workspace_id = ${ctx.workspaceId} and id = ${input.memberId}`);
  if (!member) throw new AppError('not_found', 'member not found', [{ path: 'memberId', message: 'no such member' }]);
  const groupId = crypto.randomUUID();
  await ctx.db.execute(sql`
    insert into group_buy_groups (workspace_id, id, deal_id, opener_member_id, sku_id, size, group_price_cents, seats_taken, expires_at)
    values (${ctx.workspaceId}, ${groupId}, ${dealId}, ${input.memberId}, ${deal.skuId}, ${deal.size}, ${deal.price}, 1,
      ${now.toISOString()}::timestamptz + make_interval(hours => ${deal.hours}))`);
  const orderId = await placeOrder(ctx, { groupId, skuId: deal.skuId, groupPriceCents: deal.price, communityId: input.communityId }, input);
  const seat = await one(ctx.db, sql`
    insert into group_buy_members (workspace_id, group_id, member_id, role, order_id, idempotency_key)
    values (${ctx.workspaceId}, ${groupId}, ${input.memberId}, 'opener', ${orderId}, ${input.idempotencyKey})
    on conflict (workspace_id, idempotency_key) do nothing returning member_id`);
  if (!seat) {
    // The same key, sent twice at once: createOrder answered the first request's order, whose seat is taken.
    await ctx.db.execute(sql`delete from group_buy_groups where workspace_id = ${ctx.workspaceId} and id = ${groupId}`);
    const first = await replay(ctx, input.idempotencyKey);
    if (first) return first;
    throw new AppError('conflict', 'idempotencyKey: used already', [{ path: 'idempotencyKey', message: 'used by another request' }]);
  }
  return { group: await getGroup(ctx, groupId), orderId, created: true };
}

/**
 * A member joins a group by its link. Nobody joins their own group (409 memberId), nobody joins twice (the
 * primary key (group, member): a concurrent second join waits for the first and is refused), and a seat is
 * one guarded increment `where seats_taken < size` of an open group within its window (409 groupId), so
 * joiners at once never take more seats than the size. The seat, the member and the order are one transaction.
 */
export async function joinGroup(ctx: TenantCtx, groupId: string, input: SeatInput, now = new Date()): Promise<Seat> {
  const had = await replay(ctx, input.idempotencyKey);
  if (had) return had;
  // A joiner's order takes the opener's community unless the link says otherwise: the link was shared there.
  const g = await one<{ opener: string; skuId: string; price: number; communityId: string | null }>(ctx.db, sql`
    select g.opener_member_id as opener, g.sku_id as "skuId", g.group_price_cents as price, o.community_id as "communityId"
    from group_buy_groups g
    left join group_buy_members gm on gm.workspace_id = g.workspace_id and gm.group_id = g.id and gm.role = 'opener'
    left join orders o on o.workspace_id = gm.workspace_id and o.id = gm.order_id
    where g.workspace_id = ${ctx.workspaceId} and g.id = ${groupId}`);
  if (!g) throw notFound('group');
  if (g.opener === input.memberId) throw new AppError('conflict', 'group: the member opened it', [{ path: 'memberId', message: 'nobody joins their own group' }]);
  const member = await one(ctx.db, sql`select 1 from members where workspace_id = ${ctx.workspaceId} and id = ${input.memberId}`);
  if (!member) throw new AppError('not_found', 'member not found', [{ path: 'memberId', message: 'no such member' }]);
  const joined = await one(ctx.db, sql`select 1 from group_buy_members where workspace_id = ${ctx.workspaceId} and group_id = ${groupId} and member_id = ${input.memberId}`);
  if (joined) throw new AppError('conflict', 'group: the member is in it already', [{ path: 'memberId', message: 'the member has joined this group already' }]);
  // The seat first: the group's row lock makes joiners take their turn, and the guard keeps them within the size.
  const seat = await one(ctx.db, sql`
    update group_buy_groups set seats_taken = seats_taken + 1
    where workspace_id = ${ctx.workspaceId} and id = ${groupId} and status = 'open' and seats_taken < size and expires_at > ${now.toISOString()}
    returning id`);
  if (!seat) {
    const why = (await one<{ status: GroupStatus; full: boolean }>(ctx.db, sql`
      select status, seats_taken >= size as full from group_buy_groups where workspace_id = ${ctx.workspaceId} and id = ${groupId}`))!;
    throw new AppError('conflict', `group: ${why.status !== 'open' ? why.status : why.full ? 'full' : 'its window is over'}`,
      [{ path: 'groupId', message: why.status !== 'open' ? `the group has ${why.status}` : why.full ? 'the group is full' : 'the group\'s window is over' }]);
  }
  const orderId = await placeOrder(ctx, { groupId, skuId: g.skuId, groupPriceCents: g.price, communityId: input.communityId ?? g.communityId }, input);
  // A second join of the same member (even a concurrent one, which waits here for the first to commit)
  // finds the seat taken and is refused; the throw rolls its seat and its order back.
  const placed = await one(ctx.db, sql`
    insert into group_buy_members (workspace_id, group_id, member_id, role, order_id, idempotency_key)
    values (${ctx.workspaceId}, ${groupId}, ${input.memberId}, 'joiner', ${orderId}, ${input.idempotencyKey})
    on conflict do nothing returning member_id`);
  if (!placed) {
    // The same key sent twice at once: the first request's seat answers, and this one's seat goes back.
    const first = await replay(ctx, input.idempotencyKey);
    if (first) {
      await ctx.db.execute(sql`update group_buy_groups set seats_taken = seats_taken - 1 where workspace_id = ${ctx.workspaceId} and id = ${groupId}`);
      return { ...first, group: await getGroup(ctx, first.group.id) };
    }
    throw new AppError('conflict', 'group: the member is in it already', [{ path: 'memberId', message: 'the member has joined this group already' }]);
  }
  return { group: await getGroup(ctx, groupId), orderId, created: true };
}
