import { one, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { dayIn } from '../../tracking/day.js';
import { lockAccount, postingByKey, type PostingResult } from './account.js';
import { earnLocked } from './earn-points.js';

export const EARN_ACTIVITIES = ['check_in', 'message', 'invite', 'order'] as const;
export type EarnActivity = (typeof EARN_ACTIVITIES)[number];

export interface ActivityInput {
  memberId: string;
  activity: EarnActivity;
  idempotencyKey: string;
  /** When the activity happened: its local day is the one the daily cap counts against. */
  at: Date;
  /** Occurrences (whole yuan for an order); default 1. */
  quantity?: number;
}

/**
 * Applies the workspace's earn rule for the activity: its points per occurrence, cut to what is left of
 * the member's daily cap for that activity. Null when no rule is enabled or the cap is already reached.
 * The cap is read under the account lock, so concurrent activities of one member cannot both fit in it.
 */
export async function awardActivityPoints(ctx: TenantCtx, input: ActivityInput): Promise<PostingResult | null> {
  const rule = await one<{ points: number; dailyCap: number | null }>(ctx.db, sql`
    select points, daily_cap as "dailyCap" from points_earn_rules
    where workspace_id = ${ctx.workspaceId} and activity = ${input.activity} and enabled`);
  if (!rule) return null;
  const quantity = input.quantity ?? 1;
  if (!Number.isInteger(quantity) || quantity < 1) return null;
  const balance = await lockAccount(ctx, input.memberId);
  const done = await postingByKey(ctx, input.idempotencyKey);
  if (done) return done;
  const localDay = dayIn(input.at, ctx.timeZone);
  let amount = rule.points * quantity;
  if (rule.dailyCap !== null) {
    const today = await one<{ total: number }>(ctx.db, sql`
      select coalesce(sum(amount), 0)::int as total from points_entries
      where workspace_id = ${ctx.workspaceId} and member_id = ${input.memberId} and activity = ${input.activity} and local_day = ${localDay}::date`);
    amount = Math.min(amount, rule.dailyCap - today!.total);
  }
  if (amount < 1) return null;
  return earnLocked(ctx, { memberId: input.memberId, amount, reason: input.activity, idempotencyKey: input.idempotencyKey }, { rule: { activity: input.activity, localDay }, lockedBalance: balance });
}
