import { one, rows, sql, uuids } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { AppError } from '../../../core/errors.js';
import { enqueueAction } from '../../automation/enqueue-action.js';
import { automated } from '../../automation/guardrails/contracts.js';
import { earnPoints } from '../../loyalty/points/earn-points.js';
import { recordAudit } from '../../workspace/record-audit.js';
import { periodLabel, rankingText, renderAnnouncement, type Winner } from './announcement.js';
import { loadBoard, type Board } from './board-row.js';
import type { Period } from './periods.js';
import { rankMembers } from './rank.js';
import { leaderboardScores } from './scores.js';

/**
 * Settles one closed period of a board, exactly once: the settlement row's unique (board, period) key is
 * taken first, so a second run (the job on two workers, or run twice) finds it and changes nothing. In the
 * same transaction: the top N ranked (rank.ts), each prize posted to the points ledger under
 * `leaderboard:<id>:<period>:<member>`, the winners recorded and the announcement queued in the outbox
 * under `leaderboard:<id>:<period>:announce`. A failure rolls all of it back for the next run.
 */
export async function settleLeaderboard(ctx: TenantCtx, id: string, period: Period): Promise<{ settlementId: string; created: boolean }> {
  const board = await loadBoard(ctx, id, { lock: true });
  const inserted = await one<{ id: string }>(ctx.db, sql`
    insert into leaderboard_settlements (workspace_id, leaderboard_id, period, from_day, to_day, metric)
    values (${ctx.workspaceId}, ${id}, ${period.key}, ${period.from}::date, ${period.to}::date, ${board.metric})
    on conflict (workspace_id, leaderboard_id, period) do nothing returning id`);
  if (!inserted) {
    const earlier = await one<{ id: string }>(ctx.db, sql`
      select id from leaderboard_settlements where workspace_id = ${ctx.workspaceId} and leaderboard_id = ${id} and period = ${period.key}`);
    return { settlementId: earlier!.id, created: false };
  }
  const settlementId = inserted.id;
  const ranked = rankMembers(await leaderboardScores(ctx, { metric: board.metric, communityIds: board.communityIds }, period));
  const top = ranked.slice(0, board.topN);
  const names = new Map((top.length ? await rows<{ id: string; name: string }>(ctx.db, sql`
    select id, display_name as name from members where workspace_id = ${ctx.workspaceId} and id = any(${uuids(top.map((t) => t.memberId))})`) : [])
    .map((m) => [m.id, m.name]));
  const winners: (Winner & { memberId: string; entryId: string | null })[] = [];
  for (const t of top) {
    const points = board.rewards[t.rank - 1] ?? 0;
    const posting = points > 0 ? await earnPoints(ctx, {
      memberId: t.memberId, amount: points, reason: 'leaderboard', idempotencyKey: `leaderboard:${id}:${period.key}:${t.memberId}`,
      note: `${board.name} ${periodLabel(period)} 第 ${t.rank} 名`,
    }) : null;
    winners.push({ rank: t.rank, memberId: t.memberId, name: names.get(t.memberId) ?? '', score: t.score, points, entryId: posting?.entryId ?? null });
  }
  if (winners.length) {
    await ctx.db.execute(sql`
      insert into leaderboard_winners (workspace_id, settlement_id, rank, member_id, score, points, points_entry_id)
      select ${ctx.workspaceId}, ${settlementId}, w.rank, w."memberId", w.score, w.points, w."entryId"
      from jsonb_to_recordset(${JSON.stringify(winners)}::jsonb) as w(rank int, "memberId" uuid, score int, points int, "entryId" uuid)`);
  }
  const announced = await announce(ctx, board, period, winners);
  await ctx.db.execute(sql`
    update leaderboard_settlements set ranked = ${ranked.length}, announce_action_id = ${announced.actionId}, announce_error = ${announced.error}
    where workspace_id = ${ctx.workspaceId} and id = ${settlementId}`);
  await recordAudit(ctx, 'leaderboard.settled', 'leaderboard', id, {
    period: period.key, winners: winners.map((w) => ({ rank: w.rank, memberId: w.memberId, score: w.score, points: w.points })), ...announced,
  });
  return { settlementId, created: true };
}

/**
 * Queues the ranking in the board's group. What keeps it from being sent (the group archived since, or its
 * channel no longer writable) is recorded on the settlement instead of undoing the prizes already paid.
 */
async function announce(ctx: TenantCtx, board: Board, period: Period, winners: Winner[]): Promise<{ actionId: string | null; error: string | null }> {
  if (!board.announceCommunityId || !board.announceText) return { actionId: null, error: null };
  if (!winners.length) return { actionId: null, error: 'nobody ranked in this period: nothing announced' };
  const group = await one<{ channel: string; status: string }>(ctx.db, sql`
    select channel, status from communities where workspace_id = ${ctx.workspaceId} and id = ${board.announceCommunityId}`);
  if (group?.status !== 'active') return { actionId: null, error: `the announcement group is ${group?.status ?? 'gone'}` };
  const text = renderAnnouncement(board.announceText, { ranking: rankingText(winners, board.metric), period: periodLabel(period), name: board.name });
  try {
    const action = await enqueueAction(ctx, {
      idempotencyKey: `leaderboard:${board.id}:${period.key}:announce`, kind: 'send_group', channel: group.channel, communityId: board.announceCommunityId,
      payload: { text, contentType: 'text', content: { text }, ...automated('marketing'), leaderboard: { leaderboardId: board.id, period: period.key } },
    });
    return { actionId: action.id, error: null };
  } catch (err) {
    // ensureOutbound refuses before writing anything, so the transaction is still good to commit.
    if (!(err instanceof AppError)) throw err;
    return { actionId: null, error: err.message };
  }
}
