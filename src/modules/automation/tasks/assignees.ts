import { one, sql } from '../../../db/client.js';
import type { Role, TenantCtx } from '../../../core/context.js';
import { AppError } from '../../../core/errors.js';

/** The staff member's role here, or null when the user does not staff this workspace. */
async function roleOf(ctx: TenantCtx, userId: string): Promise<Role | null> {
  const row = await one<{ role: Role }>(ctx.db, sql`select role from staff where workspace_id = ${ctx.workspaceId} and user_id = ${userId}`);
  return row?.role ?? null;
}

/**
 * Refuses an assignee who could not act on the task: someone who does not staff this workspace (another
 * workspace's staff reads as unknown), or an analyst, whose role only reads.
 */
export async function checkAssignee(ctx: TenantCtx, userId: string, field = 'assigneeId'): Promise<void> {
  const role = await roleOf(ctx, userId);
  if (!role) throw new AppError('validation', `${field}: not a staff member of this workspace`, [{ path: field, message: 'not a staff member of this workspace' }]);
  if (role === 'analyst') throw new AppError('validation', `${field}: analysts only read; assign an operator or above`, [{ path: field, message: 'analysts only read; assign an operator or above' }]);
}

/**
 * For tasks made by the outbox: the first candidate who can act on it, else null (unassigned). A rule
 * written when someone was on the team must not fail once they have left; the task goes to the pool instead.
 */
export async function firstActionable(ctx: TenantCtx, candidates: (string | null | undefined)[], min: 'operator' | 'admin' = 'operator'): Promise<string | null> {
  for (const userId of candidates) {
    if (!userId) continue;
    const role = await roleOf(ctx, userId);
    if (role && (min === 'operator' ? role !== 'analyst' : role === 'admin' || role === 'owner')) return userId;
  }
  return null;
}

/** Who answers an alert nobody was named for: the longest-standing owner (a workspace always has one). */
export async function defaultAlertAssignee(ctx: TenantCtx): Promise<string | null> {
  const row = await one<{ userId: string }>(ctx.db, sql`
    select user_id as "userId" from staff where workspace_id = ${ctx.workspaceId} and role = 'owner'
    order by created_at, user_id limit 1`);
  return row?.userId ?? null;
}
