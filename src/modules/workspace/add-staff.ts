import { one, sql } from '../../db/client.js';
import { AppError } from '../../core/errors.js';
import { type Role, type TenantCtx, roleAtLeast } from '../../core/context.js';
import { hashPassword } from './passwords.js';
import { recordAudit } from './record-audit.js';

export interface StaffInput { email: string; name: string; role: Role; password: string }
export interface StaffRow { userId: string; email: string; name: string; role: Role; createdAt: Date }

/**
 * Adds a person to the workspace. A person who already staffs another workspace keeps their password:
 * the account is shared, only the role is per workspace.
 */
export async function addStaff(ctx: TenantCtx, input: StaffInput): Promise<StaffRow> {
  if (input.role === 'owner' && !(ctx.actor.kind === 'user' && roleAtLeast(ctx.actor.role, 'owner')) && ctx.actor.kind !== 'system') {
    throw new AppError('forbidden', 'role: only an owner may add another owner');
  }
  const email = input.email.trim().toLowerCase();
  let user = await one<{ id: string; name: string }>(ctx.db, sql`select id, name from users where lower(email) = ${email}`);
  if (!user) {
    const hash = await hashPassword(input.password);
    user = await one<{ id: string; name: string }>(ctx.db, sql`
      insert into users (email, name, password_hash) values (${email}, ${input.name}, ${hash}) returning id, name`);
  }
  const staff = await one<{ createdAt: Date }>(ctx.db, sql`
    insert into staff (workspace_id, user_id, role) values (${ctx.workspaceId}, ${user!.id}, ${input.role})
    on conflict do nothing returning created_at as "createdAt"`);
  if (!staff) throw new AppError('conflict', `email: ${email} is already staff here`);
  await recordAudit(ctx, 'staff.added', 'user', user!.id, { email, role: input.role });
  return { userId: user!.id, email, name: user!.name, role: input.role, createdAt: staff.createdAt };
}
