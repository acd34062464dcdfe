import { one, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { memberProfiles } from '../../analytics/member-profiles.js';
import { pointsBalance } from '../../loyalty/points/points-balance.js';
import { dayIn } from '../../tracking/day.js';
import { checkInDaysBetween } from '../check-in/check-in-days-between.js';
import type { DrawUnit, IneligibleReason } from './contracts.js';

/** What eligibility reads of a draw. */
export interface DrawRules {
  id: string; status: string; startsAt: Date; endsAt: Date; unit: DrawUnit; pointsCost: number; minCheckInDays: number; segment: string | null;
}

export interface Eligibility {
  eligible: boolean;
  /** The first rule the member does not meet; null when eligible. */
  reason: IneligibleReason | null;
  /** The eligibility unit a draw now would use: 'draw', or today's local day. */
  unitKey: string;
  /** Draws the member has left in this draw, this one included (whether or not the other rules are met). */
  remainingUnits: number;
  checkInDays: number;
  balance: number;
}

/** The unit a draw at `now` counts against: the whole draw, or the workspace-local day. */
export const unitKeyAt = (unit: DrawUnit, now: Date, timeZone: string) => (unit === 'draw' ? 'draw' : dayIn(now, timeZone));

/** The draw window's local days: its first, and its last (the window's end is not part of it). */
export function windowDays(d: Pick<DrawRules, 'startsAt' | 'endsAt'>, timeZone: string) {
  return { first: dayIn(new Date(d.startsAt), timeZone), last: dayIn(new Date(new Date(d.endsAt).getTime() - 1), timeZone) };
}

const dayNumber = (day: string) => Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) / 86_400_000;

/** The segments a member is in now, from the analytics verb (one computation for many draws). */
export async function memberSegments(ctx: TenantCtx, memberId: string): Promise<Set<string>> {
  const { profiles } = await memberProfiles(ctx, {});
  return new Set(profiles.find((p) => p.member_id === memberId)?.segments ?? []);
}

/**
 * Whether the member may draw now, and if not the first reason, in the order a member would fix them:
 * the draw's state and window, a unit already used, the check-in days, the segment, then the points.
 * A drawing checks this again inside its own transaction; the unit and the points are then enforced by the
 * unique claim and by the ledger, not by this read.
 */
export async function eligibilityOf(ctx: TenantCtx, d: DrawRules, memberId: string, now: Date, segments?: () => Promise<Set<string>>): Promise<Eligibility> {
  const unitKey = unitKeyAt(d.unit, now, ctx.timeZone);
  const { first, last } = windowDays(d, ctx.timeZone);
  const used = await one<{ n: number; today: boolean }>(ctx.db, sql`
    select count(*)::int as n, coalesce(bool_or(unit_key = ${unitKey}), false) as today from draw_units
    where workspace_id = ${ctx.workspaceId} and draw_id = ${d.id} and member_id = ${memberId}`);
  const today = dayIn(now, ctx.timeZone);
  const daysLeft = d.unit === 'draw' ? 1 : Math.max(0, dayNumber(last) - dayNumber(today < first ? first : today) + 1);
  const remainingUnits = Math.max(0, daysLeft - (used!.today ? 1 : 0));
  const to = today < last ? today : last;
  const checkInDays = d.minCheckInDays > 0 && to >= first
    ? (await checkInDaysBetween(ctx, { from: first, to, memberIds: [memberId] })).get(memberId) ?? 0 : 0;
  const balance = await pointsBalance(ctx, memberId, now);
  const base = { unitKey, remainingUnits, checkInDays, balance };
  const refuse = (reason: IneligibleReason): Eligibility => ({ ...base, eligible: false, reason });
  if (d.status !== 'open') return refuse('not_open');
  if (now.getTime() < new Date(d.startsAt).getTime()) return refuse('not_started');
  if (now.getTime() >= new Date(d.endsAt).getTime()) return refuse('ended');
  if (used!.today) return refuse('unit_used');
  if (checkInDays < d.minCheckInDays) return refuse('check_in_days');
  if (d.segment && !(await (segments ?? (() => memberSegments(ctx, memberId)))()).has(d.segment)) return refuse('segment');
  if (balance < d.pointsCost) return refuse('points');
  const stocked = await one(ctx.db, sql`
    select 1 from draw_prizes where workspace_id = ${ctx.workspaceId} and draw_id = ${d.id} and (stock is null or stock > 0) limit 1`);
  if (!stocked) return refuse('no_prizes');
  return { ...base, eligible: true, reason: null };
}
