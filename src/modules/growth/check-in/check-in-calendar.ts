import { one, rows, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';
import { parseInput } from '../../automation/tasks/contracts.js';
import { calendarQuerySchema, type Calendar, type CheckInSource } from './contracts.js';
import { localDay, monthDays } from './days.js';
import { readCheckInSettings } from './get-check-in-settings.js';
import { makeableDays } from './make-up-rules.js';
import { makeUpState } from './make-up-state.js';
import { checkedInDays } from './member-check-ins.js';
import { currentStreak } from './streaks.js';

/**
 * One member's check-in calendar for a month (default: this local month): the days checked in, today's
 * status, the current streak, cards held, the make-ups open to them now and the milestones the current
 * streak has reached. The member page and the console's member lookup both show this.
 */
export async function checkInCalendar(ctx: TenantCtx, memberId: string, query: { month?: string } = {}, now = new Date()): Promise<Calendar> {
  const q = parseInput(calendarQuerySchema, query);
  const member = await one<{ id: string; name: string }>(ctx.db, sql`
    select id, display_name as name from members where workspace_id = ${ctx.workspaceId} and id = ${memberId}`);
  if (!member) throw notFound('member');
  const { settings } = await readCheckInSettings(ctx);
  const today = localDay(now, ctx.timeZone);
  const month = q.month ?? today.slice(0, 7);
  const { first, last } = monthDays(month);
  const inMonth = await rows<{ day: string; source: CheckInSource; points: number | null }>(ctx.db, sql`
    select to_char(day, 'YYYY-MM-DD') as day, source, points from check_ins
    where workspace_id = ${ctx.workspaceId} and member_id = ${memberId} and day between ${first}::date and ${last}::date order by day`);
  const days = await checkedInDays(ctx, memberId);
  const streak = currentStreak(days, today, settings.resetPeriod);
  const state = await makeUpState(ctx, settings, memberId, days, today);
  return {
    enabled: settings.enabled,
    member,
    month, today, timeZone: ctx.timeZone, resetPeriod: settings.resetPeriod,
    days: inMonth,
    checkedInToday: days.has(today),
    streak: streak?.length ?? 0,
    totalDays: days.size,
    cards: state.cards,
    makeUp: { perMonth: state.perMonth, usedThisMonth: state.usedThisMonth, maxDaysBack: state.maxDaysBack, days: makeableDays(state) },
    milestones: settings.milestones.map((m) => ({ days: m.days, points: m.points, cards: m.cards, reached: (streak?.length ?? 0) >= m.days })),
  };
}
