import { rows, sql, type Database } from '../../../db/client.js';
import { withTenant } from '../../../core/context.js';
import { tryCancelOrder } from './transition-order.js';

/**
 * The job: unpaid orders past their time are cancelled and their stock returned, one short transaction
 * each. The cancel is the guarded created → cancelled update, so two runs at once (or a payment landing at
 * the same moment) cancel an order at most once and return its stock at most once. Answers how many it cancelled.
 */
export async function runOrderExpiry(database: Database, limit = 500, now = new Date()): Promise<number> {
  const due = await rows<{ workspaceId: string; timeZone: string; id: string }>(database.db, sql`
    select o.workspace_id as "workspaceId", w.time_zone as "timeZone", o.id
    from orders o join workspaces w on w.id = o.workspace_id
    where o.status = 'created' and o.expires_at <= ${now.toISOString()} order by o.expires_at limit ${limit}`);
  let cancelled = 0;
  for (const d of due) {
    const done = await withTenant(database, { id: d.workspaceId, timeZone: d.timeZone }, { kind: 'system', name: 'orders.expire' },
      (ctx) => tryCancelOrder(ctx, d.id, 'unpaid timeout'));
    if (done) cancelled++;
  }
  return cancelled;
}
