import { one, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';
import { recordAudit } from '../../workspace/record-audit.js';
import type { Leaderboard } from './contracts.js';
import { getLeaderboard } from './get-leaderboard.js';

/**
 * Switches a board on or off. Off: no period is settled. Back on: periods that close from now on are
 * settled, the months it was off are not (periods.ts, duePeriods).
 */
export async function setLeaderboardEnabled(ctx: TenantCtx, id: string, enabled: boolean): Promise<Leaderboard> {
  const row = await one<{ was: boolean }>(ctx.db, sql`
    select enabled as was from leaderboards where workspace_id = ${ctx.workspaceId} and id = ${id} for update`);
  if (!row) throw notFound('leaderboard');
  if (row.was !== enabled) {
    await ctx.db.execute(sql`
      update leaderboards set enabled = ${enabled}, enabled_since = case when ${enabled}::boolean then now() end, updated_at = now()
      where workspace_id = ${ctx.workspaceId} and id = ${id}`);
    await recordAudit(ctx, enabled ? 'leaderboard.enabled' : 'leaderboard.disabled', 'leaderboard', id);
  }
  return getLeaderboard(ctx, id);
}
