import { one, rows, sql, type Database } from '../../../db/client.js';
import { withTenant, type TenantCtx } from '../../../core/context.js';

/**
 * Moves the distributor's frozen entries whose refund window has passed to available, under the
 * distributor's row lock. The entries change status in one guarded UPDATE (`status = 'frozen'`), so a second
 * run at the same moment waits for the lock, then finds nothing left to move: each entry is released once.
 * What is released pays anything still owed from reversals first. Answers the cents released.
 */
export async function releaseDueCommissions(ctx: TenantCtx, distributorId: string, now = new Date()): Promise<number> {
  const d = await one<{ owed: number }>(ctx.db, sql`
    select owed_cents::float8 as owed from distributors where workspace_id = ${ctx.workspaceId} and id = ${distributorId} for update`);
  if (!d) return 0;
  const moved = await rows<{ amount: number }>(ctx.db, sql`
    update distribution_commissions set status = 'available', released_at = now()
    where workspace_id = ${ctx.workspaceId} and distributor_id = ${distributorId} and status = 'frozen' and release_at <= ${now.toISOString()}
    returning amount_cents::float8 as amount`);
  const net = moved.reduce((s, m) => s + m.amount, 0);
  if (net === 0) return 0;
  const pay = Math.min(d.owed, Math.max(0, net));
  await ctx.db.execute(sql`
    update distributors set frozen_cents = frozen_cents - ${net}, available_cents = available_cents + ${net - pay}, owed_cents = owed_cents - ${pay}
    where workspace_id = ${ctx.workspaceId} and id = ${distributorId}`);
  return net;
}

/** The job: every distributor with frozen commission past its window, one short transaction each. */
export async function runCommissionRelease(database: Database, limit = 500, now = new Date()): Promise<number> {
  const due = await rows<{ workspaceId: string; distributorId: string; timeZone: string }>(database.db, sql`
    select c.workspace_id as "workspaceId", c.distributor_id as "distributorId", min(w.time_zone) as "timeZone"
    from distribution_commissions c join workspaces w on w.id = c.workspace_id
    where c.status = 'frozen' and c.release_at <= ${now.toISOString()}
    group by c.workspace_id, c.distributor_id limit ${limit}`);
  let released = 0;
  for (const d of due) {
    released += await withTenant(database, { id: d.workspaceId, timeZone: d.timeZone }, { kind: 'system', name: 'distribution.release' },
      (ctx) => releaseDueCommissions(ctx, d.distributorId, now));
  }
  return released;
}
