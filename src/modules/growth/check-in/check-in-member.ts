import { one, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { AppError } from '../../../core/errors.js';
import { awardActivityPoints } from '../../loyalty/points/award-activity-points.js';
import { awardMilestones } from './award-milestones.js';
import { CHECK_IN_COLUMNS, checkInOn } from './check-in-row.js';
import type { CheckIn, CheckInResult, CheckInSettings, CheckInSource } from './contracts.js';
import { localDay } from './days.js';
import { readCheckInSettings } from './get-check-in-settings.js';
import { checkedInDays, lockMemberCheckIns } from './member-check-ins.js';
import { streakAround } from './streaks.js';

export interface CheckInInput {
  memberId: string;
  /** When the member checked in; its local day is the day counted. Default: now. */
  at?: Date;
  source: Exclude<CheckInSource, 'make_up'>;
  communityId?: string | null;
  eventId?: string | null;
}

const HOUR = 3_600_000;
/**
 * Check-in points only for a check-in that happened in the last day, as the loyalty module does for
 * messages: importing last year's chat must not pay out a year of check-ins. A clock a few minutes fast
 * on the sender's side is still "now".
 */
const isLive = (at: Date, now: number) => at.getTime() >= now - 24 * HOUR && at.getTime() <= now + 5 * 60_000;

/**
 * The one path every check-in takes (keyword, button, webhook or import event): one per member per local
 * day, in the workspace time zone. A second check-in of the day answers the first, unchanged (created
 * false), so a double click or a repeated keyword counts once. A new check-in earns the loyalty 'check_in'
 * rule's points (key `check-in:<id>`) and the milestones its streak reaches.
 */
export async function checkInMember(ctx: TenantCtx, input: CheckInInput, opts: { settings?: CheckInSettings; now?: Date } = {}): Promise<CheckInResult> {
  const settings = opts.settings ?? (await readCheckInSettings(ctx)).settings;
  if (!settings.enabled) throw new AppError('conflict', 'check-in is switched off in this workspace');
  await lockMemberCheckIns(ctx, input.memberId);
  const now = (opts.now ?? new Date()).getTime();
  const at = input.at ?? new Date(now);
  const day = localDay(at, ctx.timeZone);
  const today = localDay(new Date(now), ctx.timeZone);
  const inserted = await one<CheckIn>(ctx.db, sql`
    insert into check_ins (workspace_id, member_id, day, checked_in_at, source, community_id, event_id)
    values (${ctx.workspaceId}, ${input.memberId}, ${day}::date, ${at.toISOString()}, ${input.source}, ${input.communityId ?? null}, ${input.eventId ?? null})
    on conflict (workspace_id, member_id, day) do nothing
    returning ${CHECK_IN_COLUMNS}`);
  const days = await checkedInDays(ctx, input.memberId);
  const until = day > today ? undefined : today;
  const streak = streakAround(days, day, settings.resetPeriod, until)?.length ?? 1;
  if (!inserted) return { checkIn: (await checkInOn(ctx, input.memberId, day))!, created: false, streak, milestones: [] };

  const checkIn = { ...inserted };
  if (isLive(at, now)) {
    const posting = await awardActivityPoints(ctx, { memberId: input.memberId, activity: 'check_in', idempotencyKey: `check-in:${checkIn.id}`, at });
    if (posting) {
      checkIn.points = posting.amount;
      await ctx.db.execute(sql`update check_ins set points = ${posting.amount} where workspace_id = ${ctx.workspaceId} and id = ${checkIn.id}`);
    }
  }
  const milestones = await awardMilestones(ctx, settings, input.memberId, days, day, today, checkIn.id);
  return { checkIn, created: true, streak, milestones };
}
