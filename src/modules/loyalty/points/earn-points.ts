import { one, sql } from '../../../db/client.js';
import { actorUserId, type TenantCtx } from '../../../core/context.js';
import { invalid } from '../../../core/errors.js';
import { insertEntry, lockAccount, postingByKey, type PostingResult } from './account.js';

export type { PostingResult } from './account.js';

export interface EarnInput {
  memberId: string;
  amount: number;
  /** What the points are for, as members read it in their history (check_in, milestone, leaderboard...). */
  reason: string;
  idempotencyKey: string;
  note?: string;
}

/** Adds points in a new lot, which expires after the workspace's expiry period. */
export async function earnPoints(ctx: TenantCtx, input: EarnInput): Promise<PostingResult> {
  return earnLocked(ctx, input, {});
}

export interface EarnOptions {
  /** The earn rule and local day the points count against (daily caps). */
  rule?: { activity: string; localDay: string };
  /** The caller already holds the account lock and read this balance. */
  lockedBalance?: number;
  /** Overrides the workspace's expiry period (a refund keeps the expiry of the points it gives back). */
  expiresAt?: Date | null;
}

/** earnPoints for callers inside the module that need one of the options. */
export async function earnLocked(ctx: TenantCtx, input: EarnInput, opts: EarnOptions): Promise<PostingResult> {
  const { rule, lockedBalance } = opts;
  if (!Number.isInteger(input.amount) || input.amount < 1) throw invalid('amount', 'must be a whole number of points, 1 or more');
  const balance = lockedBalance ?? await lockAccount(ctx, input.memberId);
  const done = await postingByKey(ctx, input.idempotencyKey);
  if (done) return done;
  const balanceAfter = balance + input.amount;
  const entryId = await insertEntry(ctx, {
    memberId: input.memberId, amount: input.amount, kind: 'earn', reason: input.reason, idempotencyKey: input.idempotencyKey,
    note: input.note, activity: rule?.activity, localDay: rule?.localDay, balanceAfter, createdBy: actorUserId(ctx.actor),
  });
  const settings = await one<{ expiryDays: number | null }>(ctx.db, sql`
    select expiry_days as "expiryDays" from points_settings where workspace_id = ${ctx.workspaceId}`);
  const days = settings?.expiryDays ?? null;
  const fixed = opts.expiresAt === undefined ? undefined : opts.expiresAt?.toISOString() ?? null;
  await ctx.db.execute(sql`
    insert into points_lots (workspace_id, entry_id, member_id, earned_at, expires_at, remaining)
    select ${ctx.workspaceId}, id, member_id, created_at,
      case when ${fixed !== undefined} then ${fixed ?? null}::timestamptz
        when ${days}::int is null then null else created_at + make_interval(days => ${days}::int) end, amount
    from points_entries where workspace_id = ${ctx.workspaceId} and id = ${entryId}`);
  return { entryId, amount: input.amount, created: true, balance: balanceAfter };
}
