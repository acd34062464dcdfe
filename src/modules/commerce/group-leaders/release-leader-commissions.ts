import { one, rows, sql, type Database } from '../../../db/client.js';
import { withTenant, type TenantCtx } from '../../../core/context.js';

/**
 * Moves the leader's frozen entries whose refund window has passed to available, under the leader's row
 * lock, in one guarded UPDATE (`status = 'frozen'`): a second run at the same moment waits for the lock, then
 * finds nothing left to move, so each entry is released once. Frozen reversals release with their
 * commission, so what moves is the net. Answers the cents released.
 */
export async function releaseLeaderCommissions(ctx: TenantCtx, leaderId: string, now = new Date()): Promise<number> {
  const leader = await one(ctx.db, sql`select 1 from group_leaders where workspace_id = ${ctx.workspaceId} and id = ${leaderId} for update`);
  if (!leader) return 0;
  const moved = await rows<{ amount: number }>(ctx.db, sql`
    update leader_commissions set status = 'available', released_at = now()
    where workspace_id = ${ctx.workspaceId} and leader_id = ${leaderId} and status = 'frozen' and release_at <= ${now.toISOString()}
    returning amount_cents::float8 as amount`);
  const net = moved.reduce((s, m) => s + m.amount, 0);
  if (net === 0) return 0;
  await ctx.db.execute(sql`
    update group_leaders set frozen_cents = frozen_cents - ${net}, available_cents = available_cents + ${net}
    where workspace_id = ${ctx.workspaceId} and id = ${leaderId}`);
  return net;
}

/** The job: every leader with frozen commission past its window, one short transaction each. */
export async function runLeaderCommissionRelease(database: Database, limit = 500, now = new Date()): Promise<number> {
  const due = await rows<{ workspaceId: string; leaderId: string; timeZone: string }>(database.db, sql`
    select c.workspace_id as "workspaceId", c.leader_id as "leaderId", min(w.time_zone) as "timeZone"
    from leader_commissions c join workspaces w on w.id = c.workspace_id
    where c.status = 'frozen' and c.release_at <= ${now.toISOString()}
    group by c.workspace_id, c.leader_id limit ${limit}`);
  let released = 0;
  for (const d of due) {
    released += await withTenant(database, { id: d.workspaceId, timeZone: d.timeZone }, { kind: 'system', name: 'group_leaders.release' },
      (ctx) => releaseLeaderCommissions(ctx, d.leaderId, now));
  }
  return released;
}
