import { one, sql, type SQL } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';
import { paginate, type PageQuery } from '../../../core/pagination.js';
import type { LeaderStatus } from './contracts.js';

export interface Leader {
  id: string; memberId: string; memberName: string | null; communityId: string; communityName: string; status: LeaderStatus; commissionBps: number;
  pickupName: string; pickupAddress: string; pickupPhone: string; pickupHours: string; note: string;
  frozenCents: number; availableCents: number; reversedCents: number; orders: number; toHandOver: number;
  appointedAt: Date; suspendedAt: Date | null; updatedAt: Date;
}

/** The select every leader read shares; `where` narrows it (l is group_leaders). */
function leaderSelect(ctx: TenantCtx, where: SQL): SQL {
  return sql`
    select l.id, l.member_id as "memberId", m.display_name as "memberName", l.community_id as "communityId", c.name as "communityName",
      l.status, l.commission_bps as "commissionBps", l.pickup_name as "pickupName", l.pickup_address as "pickupAddress",
      l.pickup_phone as "pickupPhone", l.pickup_hours as "pickupHours", l.note,
      l.frozen_cents::float8 as "frozenCents", l.available_cents::float8 as "availableCents", l.reversed_cents::float8 as "reversedCents",
      (select count(*)::int from leader_orders lo where lo.workspace_id = l.workspace_id and lo.leader_id = l.id) as orders,
      (select count(*)::int from leader_orders lo where lo.workspace_id = l.workspace_id and lo.leader_id = l.id
        and lo.handed_over_at is null and lo.refunded_cents < lo.paid_cents) as "toHandOver",
      l.appointed_at as "appointedAt", l.suspended_at as "suspendedAt", l.updated_at as "updatedAt"
    from group_leaders l
    join members m on m.workspace_id = l.workspace_id and m.id = l.member_id
    join communities c on c.workspace_id = l.workspace_id and c.id = l.community_id
    where l.workspace_id = ${ctx.workspaceId} and ${where}`;
}

export async function getLeader(ctx: TenantCtx, id: string): Promise<Leader> {
  const row = await one<Leader>(ctx.db, leaderSelect(ctx, sql`l.id = ${id}`));
  if (!row) throw notFound('leader');
  return row;
}

/** Leaders, active first, newest appointment first. */
export function listLeaders(ctx: TenantCtx, q: PageQuery & { status?: LeaderStatus; communityId?: string }) {
  return paginate<Leader>(ctx.db, q, leaderSelect(ctx, sql`true
    ${q.status ? sql`and l.status = ${q.status}` : sql``} ${q.communityId ? sql`and l.community_id = ${q.communityId}` : sql``}`),
  sql`status = 'active' desc, "appointedAt" desc, id`);
}
