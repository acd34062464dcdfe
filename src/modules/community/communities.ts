import { randomUUID } from 'node:crypto';
import { one, sql, type SQL } from '../../db/client.js';
import { AppError, notFound } from '../../core/errors.js';
import type { TenantCtx } from '../../core/context.js';
import { paginate, type PageQuery } from '../../core/pagination.js';
import { recordAudit } from '../workspace/record-audit.js';
import type { Community, CreateCommunityInput, UpdateCommunityInput } from './contracts.js';
import type { z } from 'zod';
import type { listCommunitiesQuery } from './contracts.js';

const select = (ctx: TenantCtx) => sql`
  select c.id, c.name, c.type, c.subtype, c.channel, c.external_id as "externalId", c.capacity, c.status, c.tags,
         c.owner_staff_id as "ownerStaffId", c.created_at as "createdAt",
         (select count(*)::int from memberships m where m.workspace_id = c.workspace_id and m.community_id = c.id and m.left_at is null) as "memberCount",
         (select coalesce(sum(d.messages), 0)::int from community_days d where d.workspace_id = c.workspace_id and d.community_id = c.id
            and d.day > (now() at time zone ${ctx.timeZone})::date - 7) as "messages7d"
  from communities c where c.workspace_id = ${ctx.workspaceId}`;

export async function getCommunity(ctx: TenantCtx, id: string): Promise<Community> {
  const row = await one<Community>(ctx.db, sql`${select(ctx)} and c.id = ${id}`);
  if (!row) throw notFound('community');
  return row;
}

export function listCommunities(ctx: TenantCtx, q: PageQuery & z.infer<typeof listCommunitiesQuery>) {
  const filters: SQL[] = [];
  if (q.q) filters.push(sql`and (c.name ilike ${'%' + q.q + '%'} or c.external_id = ${q.q})`);
  if (q.type) filters.push(sql`and c.type = ${q.type}`);
  if (q.status) filters.push(sql`and c.status = ${q.status}`);
  if (q.channel) filters.push(sql`and c.channel = ${q.channel}`);
  return paginate<Community>(ctx.db, q, sql`${select(ctx)} ${sql.join(filters, sql` `)}`, sql`"createdAt" desc, name`);
}

export async function createCommunity(ctx: TenantCtx, input: CreateCommunityInput): Promise<Community> {
  const externalId = input.externalId ?? `${input.channel}-${randomUUID().slice(0, 8)}`;
  const row = await one<{ id: string }>(ctx.db, sql`
    insert into communities (workspace_id, name, type, subtype, channel, external_id, capacity, tags)
    values (${ctx.workspaceId}, ${input.name}, ${input.type}, ${input.subtype ?? null}, ${input.channel}, ${externalId}, ${input.capacity},
            string_to_array(${input.tags.join('\u0001')}, ${'\u0001'}))
    on conflict (workspace_id, channel, external_id) do nothing returning id`);
  if (!row) throw new AppError('conflict', `externalId: a ${input.channel} community with id ${externalId} already exists`, [{ path: 'externalId', message: 'already exists' }]);
  await recordAudit(ctx, 'community.created', 'community', row.id, { name: input.name });
  return getCommunity(ctx, row.id);
}

export async function updateCommunity(ctx: TenantCtx, id: string, input: UpdateCommunityInput): Promise<Community> {
  if (input.ownerStaffId) {
    const staff = await one(ctx.db, sql`select 1 from staff where workspace_id = ${ctx.workspaceId} and user_id = ${input.ownerStaffId}`);
    if (!staff) throw new AppError('validation', 'ownerStaffId: not a staff member of this workspace', [{ path: 'ownerStaffId', message: 'not a staff member' }]);
  }
  const sets: SQL[] = [];
  if (input.name !== undefined) sets.push(sql`name = ${input.name}`);
  if (input.type !== undefined) sets.push(sql`type = ${input.type}`);
  if (input.subtype !== undefined) sets.push(sql`subtype = ${input.subtype}`);
  if (input.capacity !== undefined) sets.push(sql`capacity = ${input.capacity}`);
  if (input.status !== undefined) sets.push(sql`status = ${input.status}`);
  if (input.tags !== undefined) sets.push(sql`tags = string_to_array(${input.tags.join('\u0001')}, ${'\u0001'})`);
  if (input.ownerStaffId !== undefined) sets.push(sql`owner_staff_id = ${input.ownerStaffId}`);
  if (sets.length) {
    const row = await one(ctx.db, sql`update communities set ${sql.join(sets, sql`, `)} where workspace_id = ${ctx.workspaceId} and id = ${id} returning id`);
    if (!row) throw notFound('community');
    await recordAudit(ctx, 'community.updated', 'community', id, input);
  }
  return getCommunity(ctx, id);
}
