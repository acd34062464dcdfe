import { rows, sql, uuids } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { substantiveMessagesByMember } from '../../analytics/substantive-messages-by-member.js';
import { resolveScope } from '../../analytics/resolve-scope.js';
import { scoresIn } from '../../analytics/engagement.js';
import { getEngagementSettings } from '../../analytics/engagement-settings.js';
import { pointsEarnedBetween } from '../../loyalty/points/points-earned-between.js';
import { checkInDaysBetween } from '../check-in/check-in-days-between.js';
import type { Metric } from './contracts.js';
import { closesAt, type Period } from './periods.js';
import type { Scored } from './rank.js';
import { dayStart } from '../check-in/days.js';

export interface ScoreBoard { metric: Metric; communityIds: string[] | null }
interface Window { period: Period; from: Date; to: Date }

/**
 * Members of the scope's communities at some time in the period, as memberships record it (the latest
 * join and leave): joined before it ended and not gone before it began.
 */
async function membersOf(ctx: TenantCtx, communityIds: string[], w: Window): Promise<string[]> {
  const found = await rows<{ id: string }>(ctx.db, sql`
    select distinct member_id as id from memberships
    where workspace_id = ${ctx.workspaceId} and community_id = any(${uuids(communityIds)})
      and (joined_at is null or joined_at < ${w.to.toISOString()}) and (left_at is null or left_at >= ${w.from.toISOString()})`);
  return found.map((r) => r.id);
}

/**
 * The analytics engagement score (decayed weighted activity, docs/metrics.md) at the end of the period, over
 * the scope's groups, of the members present then; rounded, since prizes go by whole ranks and scores.
 */
async function engagement(ctx: TenantCtx, communityIds: string[] | null, w: Window): Promise<Map<string, number>> {
  // An open period is scored as of now: decaying to a day still to come would shrink every score alike.
  const to = new Date(Math.min(w.to.getTime(), Date.now()));
  if (to <= w.from) return new Map();
  const scope = await resolveScope(ctx, { communityIds: communityIds ?? undefined, from: w.from, to });
  const found = await scoresIn(ctx, scope, (await getEngagementSettings(ctx)).settings);
  return new Map(found.map((s) => [s.member_id, Math.round(s.score)] as const).filter(([, score]) => score > 0));
}

/** Points earned, less the leaderboard prizes paid in the period: a prize must not carry its winner up the next board. */
async function pointsEarned(ctx: TenantCtx, memberIds: string[] | undefined, w: Window): Promise<Map<string, number>> {
  const earned = await pointsEarnedBetween(ctx, { from: w.from, to: w.to, memberIds });
  const prizes = await rows<{ memberId: string; points: number }>(ctx.db, sql`
    select lw.member_id as "memberId", sum(lw.points)::int as points
    from leaderboard_winners lw join leaderboard_settlements s on s.workspace_id = lw.workspace_id and s.id = lw.settlement_id
    where lw.workspace_id = ${ctx.workspaceId} and lw.points > 0 and s.settled_at >= ${w.from.toISOString()} and s.settled_at < ${w.to.toISOString()}
    group by lw.member_id`);
  for (const p of prizes) if (earned.has(p.memberId)) earned.set(p.memberId, earned.get(p.memberId)! - p.points);
  return earned;
}

/** Every member's score on the board's metric over the period (members with none are absent). */
export async function leaderboardScores(ctx: TenantCtx, board: ScoreBoard, period: Period): Promise<Scored[]> {
  const w: Window = { period, from: dayStart(period.from, ctx.timeZone), to: closesAt(period, ctx.timeZone) };
  let scores: Map<string, number>;
  if (board.metric === 'messages') {
    scores = await substantiveMessagesByMember(ctx, { communityIds: board.communityIds, firstDay: period.from, lastDay: period.to, from: w.from, to: w.to });
  } else if (board.metric === 'engagement') {
    scores = await engagement(ctx, board.communityIds, w);
  } else {
    const memberIds = board.communityIds ? await membersOf(ctx, board.communityIds, w) : undefined;
    scores = memberIds?.length === 0 ? new Map()
      : board.metric === 'check_in_days' ? await checkInDaysBetween(ctx, { from: period.from, to: period.to, memberIds })
        : await pointsEarned(ctx, memberIds, w);
  }
  if (!scores.size) return [];
  const seen = await rows<{ id: string; firstSeenAt: Date }>(ctx.db, sql`
    select id, first_seen_at as "firstSeenAt" from members where workspace_id = ${ctx.workspaceId} and id = any(${uuids([...scores.keys()])})`);
  return seen.map((m) => ({ memberId: m.id, score: scores.get(m.id)!, firstSeenAt: m.firstSeenAt }));
}
