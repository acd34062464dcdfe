import { one, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { AppError, notFound } from '../../../core/errors.js';
import { recordAudit } from '../../workspace/record-audit.js';
import { getLeaderboard } from './get-leaderboard.js';

/**
 * Deletes a board that has never been settled. A settled one holds the record of who got which prize,
 * which must outlive it: switch it off instead.
 */
export async function deleteLeaderboard(ctx: TenantCtx, id: string): Promise<void> {
  const row = await one<{ settled: boolean }>(ctx.db, sql`
    select exists (select 1 from leaderboard_settlements s where s.workspace_id = l.workspace_id and s.leaderboard_id = l.id) as settled
    from leaderboards l where workspace_id = ${ctx.workspaceId} and id = ${id} for update`);
  if (!row) throw notFound('leaderboard');
  if (row.settled) throw new AppError('conflict', 'this leaderboard has paid out prizes; switch it off instead of deleting it');
  const before = await getLeaderboard(ctx, id);
  await ctx.db.execute(sql`delete from leaderboards where workspace_id = ${ctx.workspaceId} and id = ${id}`);
  await recordAudit(ctx, 'leaderboard.deleted', 'leaderboard', id, { leaderboard: before });
}
