import { one, rows, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';
import { BOARD_COLUMNS, type LeaderboardRow } from './get-leaderboard.js';

export type Board = LeaderboardRow & { communityIds: string[] | null };

/** A board's stored definition with its scope's community ids (null: every community); locked for a settlement. */
export async function loadBoard(ctx: TenantCtx, id: string, opts: { lock?: boolean } = {}): Promise<Board> {
  const row = await one<LeaderboardRow>(ctx.db, sql`
    select ${BOARD_COLUMNS} from leaderboards l where l.workspace_id = ${ctx.workspaceId} and l.id = ${id} ${opts.lock ? sql`for update` : sql``}`);
  if (!row) throw notFound('leaderboard');
  const communityIds = row.scopeKind === 'communities' ? (await rows<{ id: string }>(ctx.db, sql`
    select community_id as id from leaderboard_communities where workspace_id = ${ctx.workspaceId} and leaderboard_id = ${id} order by community_id`)).map((r) => r.id) : null;
  return { ...row, communityIds };
}
