import { rows, sql } from '../../../db/client.js';
import { actorUserId, type TenantCtx } from '../../../core/context.js';
import { AppError, invalid } from '../../../core/errors.js';
import { insertEntry, lockAccount, postingByKey, type PostingResult } from './account.js';
import { expireDueLots } from './expire-points.js';

export interface SpendInput {
  memberId: string;
  amount: number;
  reason: string;
  idempotencyKey: string;
  note?: string;
}

export class InsufficientPointsError extends AppError {
  constructor(readonly balance: number, readonly needed: number) {
    super('conflict', `points: the balance is ${balance}, ${needed} are needed`, [{ path: 'amount', message: `the balance is ${balance}, ${needed} are needed` }]);
  }
}

/**
 * Takes points out, from the lots that expire first (then the oldest). The account lock makes concurrent
 * spends of one member take turns, each reading the balance the previous one left, so together they can
 * never take more than there is; the account's CHECK would refuse it even if they could.
 */
export async function spendPoints(ctx: TenantCtx, input: SpendInput): Promise<PostingResult> {
  if (!Number.isInteger(input.amount) || input.amount < 1) throw invalid('amount', 'must be a whole number of points, 1 or more');
  const locked = await lockAccount(ctx, input.memberId);
  const done = await postingByKey(ctx, input.idempotencyKey);
  if (done) return done;
  const balance = await expireDueLots(ctx, input.memberId, locked);
  if (balance < input.amount) throw new InsufficientPointsError(balance, input.amount);
  const entryId = await insertEntry(ctx, {
    memberId: input.memberId, amount: -input.amount, kind: 'spend', reason: input.reason, idempotencyKey: input.idempotencyKey,
    note: input.note, balanceAfter: balance - input.amount, createdBy: actorUserId(ctx.actor),
  });
  await consumeLots(ctx, input.memberId, entryId, input.amount);
  return { entryId, amount: -input.amount, created: true, balance: balance - input.amount };
}

/** Takes `amount` from the member's open lots, soonest to expire first, and records what came from where. */
async function consumeLots(ctx: TenantCtx, memberId: string, entryId: string, amount: number): Promise<void> {
  const lots = await rows<{ entryId: string; remaining: number }>(ctx.db, sql`
    select entry_id as "entryId", remaining from points_lots
    where workspace_id = ${ctx.workspaceId} and member_id = ${memberId} and remaining > 0
    order by expires_at nulls last, earned_at, entry_id`);
  const uses: { lot: string; take: number }[] = [];
  let left = amount;
  for (const lot of lots) {
    if (left === 0) break;
    const take = Math.min(left, lot.remaining);
    uses.push({ lot: lot.entryId, take });
    left -= take;
  }
  // The balance is the sum of open lots, so the lots always cover a spend the balance allowed.
  if (left > 0) throw new Error(`points ledger out of step: lots of member ${memberId} are ${left} short of the balance`);
  const json = JSON.stringify(uses);
  await ctx.db.execute(sql`
    update points_lots l set remaining = l.remaining - u.take
    from jsonb_to_recordset(${json}::jsonb) as u(lot uuid, take int)
    where l.workspace_id = ${ctx.workspaceId} and l.entry_id = u.lot`);
  await ctx.db.execute(sql`
    insert into points_lot_uses (workspace_id, entry_id, lot_entry_id, amount)
    select ${ctx.workspaceId}, ${entryId}, u.lot, u.take from jsonb_to_recordset(${json}::jsonb) as u(lot uuid, take int)`);
}
