import { one, sql } from '../../../db/client.js';
import { actorUserId, type TenantCtx } from '../../../core/context.js';
import { AppError } from '../../../core/errors.js';
import { parseInput } from '../../automation/tasks/contracts.js';
import { awardMilestones } from './award-milestones.js';
import { CHECK_IN_COLUMNS, checkInOn } from './check-in-row.js';
import { makeUpInputSchema, type CheckIn, type CheckInResult } from './contracts.js';
import { localDay } from './days.js';
import { readCheckInSettings } from './get-check-in-settings.js';
import { makeUpRefusal } from './make-up-rules.js';
import { makeUpState } from './make-up-state.js';
import { addCardEntry, checkedInDays, lockMemberCheckIns } from './member-check-ins.js';
import { streakAround } from './streaks.js';

/**
 * Fills a missed past day with a make-up card (补签卡), under the rules of make-up-rules.ts. The card is
 * used, the day checked in (source make_up, no check-in points: a card mends a streak, it does not buy
 * points) and the milestones the mended streak reaches are rewarded, in one transaction. Filling a day
 * already made up answers that make-up unchanged (created false), so a repeated click uses one card.
 */
export async function makeUpCheckIn(ctx: TenantCtx, memberId: string, input: { day: string }, now = new Date()): Promise<CheckInResult> {
  const { day } = parseInput(makeUpInputSchema, input);
  const { settings } = await readCheckInSettings(ctx);
  if (!settings.enabled) throw new AppError('conflict', 'check-in is switched off in this workspace');
  await lockMemberCheckIns(ctx, memberId);
  const today = localDay(now, ctx.timeZone);
  const days = await checkedInDays(ctx, memberId);
  const existing = days.has(day) ? await checkInOn(ctx, memberId, day) : undefined;
  if (existing?.source === 'make_up') {
    const streak = streakAround(days, day, settings.resetPeriod, today)?.length ?? 1;
    return { checkIn: existing, created: false, streak, milestones: [] };
  }
  const refusal = makeUpRefusal(day, await makeUpState(ctx, settings, memberId, days, today));
  if (refusal) throw new AppError(refusal.code, `day: ${refusal.message}`, [{ path: 'day', message: refusal.message }]);

  const checkIn = (await one<CheckIn>(ctx.db, sql`
    insert into check_ins (workspace_id, member_id, day, checked_in_at, source)
    values (${ctx.workspaceId}, ${memberId}, ${day}::date, ${now.toISOString()}, 'make_up')
    returning ${CHECK_IN_COLUMNS}`))!;
  await addCardEntry(ctx, { memberId, delta: -1, reason: 'make_up', idempotencyKey: `make-up:${checkIn.id}`, checkInId: checkIn.id, note: day, createdBy: actorUserId(ctx.actor) });
  days.add(day);
  const streak = streakAround(days, day, settings.resetPeriod, today)?.length ?? 1;
  const milestones = await awardMilestones(ctx, settings, memberId, days, day, today, checkIn.id);
  return { checkIn, created: true, streak, milestones };
}
