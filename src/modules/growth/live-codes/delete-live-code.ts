import { one, sql } from '../../../db/client.js';
import { SQLSTATE, sqlState } from '../../../db/sql-state.js';
import type { TenantCtx } from '../../../core/context.js';
import { AppError, notFound } from '../../../core/errors.js';
import { recordAudit } from '../../workspace/record-audit.js';
import { getLiveCode } from './get-live-code.js';

/**
 * Deletes a live code with its scans and join records; its groups, members and join events stay. Its address
 * then answers "not found", so a printed code stops working: pause it instead to keep the address.
 */
export async function deleteLiveCode(ctx: TenantCtx, id: string): Promise<void> {
  const exists = await one(ctx.db, sql`select 1 from live_codes where workspace_id = ${ctx.workspaceId} and id = ${id} for update`);
  if (!exists) throw notFound('live code');
  const before = await getLiveCode(ctx, id);
  try {
    await ctx.db.execute(sql`delete from live_codes where workspace_id = ${ctx.workspaceId} and id = ${id}`);
  } catch (err) {
    // Other modules' rows that route through the code (fission campaigns) keep it: the database refuses the
    // delete, and the transaction is rolled back with this answer rather than a 500.
    if (sqlState(err) === SQLSTATE.foreignKeyViolation) throw new AppError('conflict', 'live code: a campaign still sends newcomers through it; pause the code, or end and delete the campaign first', [{ path: 'id', message: 'in use by a campaign' }]);
    throw err;
  }
  await recordAudit(ctx, 'live_code.deleted', 'live_code', id, { before: { ...before, pool: before.pool.map((p) => p.id) } });
}

