import { one, sql, type SQL } from '../../db/client.js';
import { notFound } from '../../core/errors.js';
import type { TenantCtx } from '../../core/context.js';
import { paginate, type PageQuery } from '../../core/pagination.js';
import { recordAudit } from '../workspace/record-audit.js';

const memberSelect = (ctx: TenantCtx) => sql`
  select m.id, m.display_name as "displayName", m.opted_out as "optedOut", m.first_seen_at as "firstSeenAt", m.last_active_at as "lastActiveAt",
    coalesce((select json_agg(json_build_object('channel', i.channel, 'externalId', i.external_id) order by i.created_at)
              from member_identities i where i.workspace_id = m.workspace_id and i.member_id = m.id), '[]'::json) as identities,
    (select count(*)::int from memberships s where s.workspace_id = m.workspace_id and s.member_id = m.id and s.left_at is null) as communities,
    coalesce((select array_agg(t.tag order by t.tag) from member_tags t where t.workspace_id = m.workspace_id and t.member_id = m.id), '{}') as tags,
    (select coalesce(sum(d.messages), 0)::int from member_days d where d.workspace_id = m.workspace_id and d.member_id = m.id) as messages
  from members m where m.workspace_id = ${ctx.workspaceId}`;

export function listMembers(ctx: TenantCtx, q: PageQuery & { q?: string; communityId?: string }) {
  const filters: SQL[] = [];
  if (q.q) {
    filters.push(sql`and (m.display_name ilike ${'%' + q.q + '%'} or exists (select 1 from member_identities i
      where i.workspace_id = m.workspace_id and i.member_id = m.id and i.external_id = ${q.q}))`);
  }
  if (q.communityId) {
    filters.push(sql`and exists (select 1 from memberships s where s.workspace_id = m.workspace_id and s.member_id = m.id and s.community_id = ${q.communityId})`);
  }
  return paginate(ctx.db, q, sql`${memberSelect(ctx)} ${sql.join(filters, sql` `)}`, sql`"lastActiveAt" desc nulls last, id`);
}

export async function getMember(ctx: TenantCtx, id: string) {
  const member = await one<Record<string, unknown>>(ctx.db, sql`${memberSelect(ctx)} and m.id = ${id}`);
  if (!member) throw notFound('member');
  const memberships = await ctx.db.execute(sql`
    select s.community_id as "communityId", c.name as "communityName", s.role, s.is_kol as "isKol", s.joined_at as "joinedAt", s.left_at as "leftAt"
    from memberships s join communities c on c.workspace_id = s.workspace_id and c.id = s.community_id
    where s.workspace_id = ${ctx.workspaceId} and s.member_id = ${id} order by s.joined_at desc nulls last`);
  return { ...member, memberships: (memberships as unknown as { rows: unknown[] }).rows };
}

export async function updateMember(ctx: TenantCtx, id: string, input: { displayName?: string; optedOut?: boolean; tags?: string[] }) {
  const sets: SQL[] = [sql`id = id`];
  if (input.displayName !== undefined) sets.push(sql`display_name = ${input.displayName}`);
  if (input.optedOut !== undefined) sets.push(sql`opted_out = ${input.optedOut}`);
  const row = await one(ctx.db, sql`update members set ${sql.join(sets, sql`, `)} where workspace_id = ${ctx.workspaceId} and id = ${id} returning id`);
  if (!row) throw notFound('member');
  if (input.tags) {
    const tags = JSON.stringify([...new Set(input.tags)]);
    await ctx.db.execute(sql`insert into tags (workspace_id, name) select ${ctx.workspaceId}, t from jsonb_array_elements_text(${tags}::jsonb) t on conflict do nothing`);
    await ctx.db.execute(sql`delete from member_tags where workspace_id = ${ctx.workspaceId} and member_id = ${id}`);
    await ctx.db.execute(sql`insert into member_tags (workspace_id, member_id, tag) select ${ctx.workspaceId}, ${id}, t from jsonb_array_elements_text(${tags}::jsonb) t`);
  }
  await recordAudit(ctx, 'member.updated', 'member', id, input);
  return getMember(ctx, id);
}

/** Operators mark group admins and KOLs by hand; the platform's own role arrives with join events. */
export async function updateMembership(ctx: TenantCtx, communityId: string, memberId: string, input: { role?: 'owner' | 'admin' | 'member'; isKol?: boolean }) {
  const row = await one(ctx.db, sql`
    update memberships set role = coalesce(${input.role ?? null}, role), is_kol = coalesce(${input.isKol ?? null}::boolean, is_kol)
    where workspace_id = ${ctx.workspaceId} and community_id = ${communityId} and member_id = ${memberId} returning member_id`);
  if (!row) throw notFound('membership');
  await recordAudit(ctx, 'membership.updated', 'member', memberId, { communityId, ...input });
}

export function listMemberships(ctx: TenantCtx, communityId: string, q: PageQuery & { q?: string; status: 'active' | 'left' | 'all' }) {
  const filters: SQL[] = [];
  if (q.status === 'active') filters.push(sql`and s.left_at is null`);
  if (q.status === 'left') filters.push(sql`and s.left_at is not null`);
  if (q.q) filters.push(sql`and m.display_name ilike ${'%' + q.q + '%'}`);
  return paginate(ctx.db, q, sql`
    select s.member_id as "memberId", m.display_name as "displayName", s.role, s.is_kol as "isKol", s.joined_at as "joinedAt",
           s.left_at as "leftAt", s.join_scene as "joinScene", s.inviter_member_id as "inviterMemberId", inv.display_name as "inviterName",
           (select coalesce(sum(d.messages), 0)::int from member_days d where d.workspace_id = s.workspace_id and d.community_id = s.community_id and d.member_id = s.member_id) as messages
    from memberships s
    join members m on m.workspace_id = s.workspace_id and m.id = s.member_id
    left join members inv on inv.workspace_id = s.workspace_id and inv.id = s.inviter_member_id
    where s.workspace_id = ${ctx.workspaceId} and s.community_id = ${communityId} ${sql.join(filters, sql` `)}`,
    sql`case role when 'owner' then 0 when 'admin' then 1 else 2 end, messages desc, "memberId"`);
}
