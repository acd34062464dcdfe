import { one, sql } from '../../db/client.js';
import { AppError, notFound } from '../../core/errors.js';
import { type Role, type TenantCtx, roleAtLeast } from '../../core/context.js';
import { paginate, type PageQuery } from '../../core/pagination.js';
import { recordAudit } from './record-audit.js';
import type { StaffRow } from './add-staff.js';

const SELECT = sql`select u.id as "userId", u.email, u.name, s.role, s.created_at as "createdAt"
  from staff s join users u on u.id = s.user_id`;

export function listStaff(ctx: TenantCtx, q: PageQuery) {
  return paginate<StaffRow>(ctx.db, q, sql`${SELECT} where s.workspace_id = ${ctx.workspaceId}`, sql`"createdAt"`);
}

/** Owners are the only ones who can make or unmake owners, and a workspace never loses its last owner. */
export async function updateStaffRole(ctx: TenantCtx, userId: string, role: Role): Promise<StaffRow> {
  const current = await one<{ role: Role }>(ctx.db, sql`select role from staff where workspace_id = ${ctx.workspaceId} and user_id = ${userId} for update`);
  if (!current) throw notFound('staff member');
  const actorIsOwner = ctx.actor.kind === 'user' && roleAtLeast(ctx.actor.role, 'owner');
  if ((role === 'owner' || current.role === 'owner') && !actorIsOwner) throw new AppError('forbidden', 'role: only an owner may grant or take the owner role');
  if (current.role === 'owner' && role !== 'owner') {
    const owners = await one<{ n: number }>(ctx.db, sql`select count(*)::int as n from staff where workspace_id = ${ctx.workspaceId} and role = 'owner'`);
    if (owners!.n <= 1) throw new AppError('conflict', 'role: the workspace needs at least one owner');
  }
  await ctx.db.execute(sql`update staff set role = ${role} where workspace_id = ${ctx.workspaceId} and user_id = ${userId}`);
  await recordAudit(ctx, 'staff.role_changed', 'user', userId, { from: current.role, to: role });
  return (await one<StaffRow>(ctx.db, sql`${SELECT} where s.workspace_id = ${ctx.workspaceId} and s.user_id = ${userId}`))!;
}

export async function getMe(ctx: TenantCtx) {
  if (ctx.actor.kind !== 'user') throw new AppError('forbidden', 'only staff sessions have a profile');
  const row = await one<{ id: string; email: string; name: string; wsId: string; slug: string; wsName: string; timeZone: string; role: Role }>(ctx.db, sql`
    select u.id, u.email, u.name, w.id as "wsId", w.slug, w.name as "wsName", w.time_zone as "timeZone", s.role
    from staff s join users u on u.id = s.user_id join workspaces w on w.id = s.workspace_id
    where s.workspace_id = ${ctx.workspaceId} and s.user_id = ${ctx.actor.userId}`);
  if (!row) throw notFound('staff member');
  return {
    user: { id: row.id, email: row.email, name: row.name },
    workspace: { id: row.wsId, slug: row.slug, name: row.wsName, timeZone: row.timeZone },
    role: row.role,
  };
}
