import { rows, sql, type Database } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { withTenant } from '../../../core/context.js';
import { insertEntry, lockAccount } from './account.js';

/**
 * Closes the member's lots whose time is up, one expiry entry per lot, oldest first. Runs under the
 * account lock at the start of every spend (so a spend never uses points that have expired but that the
 * expiry job has not reached yet) and from the job.
 */
export async function expireDueLots(ctx: TenantCtx, memberId: string, balance: number, now = new Date()): Promise<number> {
  const due = await rows<{ entryId: string; remaining: number }>(ctx.db, sql`
    select entry_id as "entryId", remaining from points_lots
    where workspace_id = ${ctx.workspaceId} and member_id = ${memberId} and remaining > 0 and expires_at <= ${now.toISOString()}
    order by expires_at, earned_at, entry_id`);
  for (const lot of due) {
    balance -= lot.remaining;
    const entryId = await insertEntry(ctx, {
      memberId, amount: -lot.remaining, kind: 'expire', reason: 'expired', idempotencyKey: `expire:${lot.entryId}`, balanceAfter: balance,
    });
    await ctx.db.execute(sql`update points_lots set remaining = 0 where workspace_id = ${ctx.workspaceId} and entry_id = ${lot.entryId}`);
    await ctx.db.execute(sql`
      insert into points_lot_uses (workspace_id, entry_id, lot_entry_id, amount) values (${ctx.workspaceId}, ${entryId}, ${lot.entryId}, ${lot.remaining})`);
  }
  return balance;
}

/** The job: every member with a lot past its time, one short transaction per member. */
export async function runPointsExpiry(database: Database, limit = 500, now = new Date()): Promise<number> {
  const due = await rows<{ workspaceId: string; memberId: string; timeZone: string }>(database.db, sql`
    select distinct l.workspace_id as "workspaceId", l.member_id as "memberId", w.time_zone as "timeZone"
    from points_lots l join workspaces w on w.id = l.workspace_id
    where l.remaining > 0 and l.expires_at <= ${now.toISOString()} limit ${limit}`);
  for (const d of due) {
    await withTenant(database, { id: d.workspaceId, timeZone: d.timeZone }, { kind: 'system', name: 'points.expire' }, async (ctx) => {
      const balance = await lockAccount(ctx, d.memberId);
      await expireDueLots(ctx, d.memberId, balance, now);
    });
  }
  return due.length;
}
