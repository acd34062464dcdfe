import { rows, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { earnPoints } from '../../loyalty/points/earn-points.js';
import type { CheckInSettings, MilestoneAward } from './contracts.js';
import { addDays } from './days.js';
import { addCardEntry } from './member-check-ins.js';
import { isCurrent, streakAround } from './streaks.js';

/**
 * Rewards the milestones the streak holding `day` has reached, each at most once per streak. A streak has
 * no identity of its own (a make-up can join two, or add a day before the first), so "this streak already
 * had it" means: a milestone of that length was reached on a day inside the streak. Only a streak still
 * going today pays out; an import of last year's check-ins builds old streaks but no rewards.
 * The caller holds the member's check-in lock.
 */
export async function awardMilestones(ctx: TenantCtx, settings: CheckInSettings, memberId: string, days: ReadonlySet<string>,
  day: string, today: string, checkInId: string): Promise<MilestoneAward[]> {
  if (!settings.milestones.length) return [];
  const streak = streakAround(days, day, settings.resetPeriod, today);
  if (!streak || !isCurrent(streak, today, settings.resetPeriod)) return [];
  const reached = settings.milestones.filter((m) => m.days <= streak.length);
  if (!reached.length) return [];
  const had = new Set((await rows<{ days: number }>(ctx.db, sql`
    select days from check_in_milestones
    where workspace_id = ${ctx.workspaceId} and member_id = ${memberId} and reached_on between ${streak.start}::date and ${streak.end}::date`)).map((r) => r.days));
  const awards: MilestoneAward[] = [];
  for (const m of reached) {
    if (had.has(m.days)) continue;
    const reachedOn = addDays(streak.start, m.days - 1);
    const inserted = await rows(ctx.db, sql`
      insert into check_in_milestones (workspace_id, member_id, days, reached_on, streak_start, points, cards, check_in_id)
      values (${ctx.workspaceId}, ${memberId}, ${m.days}, ${reachedOn}::date, ${streak.start}::date, ${m.points}, ${m.cards}, ${checkInId})
      on conflict do nothing returning days`);
    if (!inserted.length) continue;
    const key = `check-in-milestone:${memberId}:${m.days}:${reachedOn}`;
    if (m.points > 0) await earnPoints(ctx, { memberId, amount: m.points, reason: 'milestone', idempotencyKey: key, note: `连续签到 ${m.days} 天` });
    if (m.cards > 0) await addCardEntry(ctx, { memberId, delta: m.cards, reason: 'milestone', idempotencyKey: `${key}:cards`, checkInId, note: `连续签到 ${m.days} 天` });
    awards.push({ days: m.days, reachedOn, points: m.points, cards: m.cards });
  }
  return awards;
}
