import type { TenantCtx } from '../../../core/context.js';
import type { PostingResult } from './account.js';
import { earnPoints } from './earn-points.js';
import { spendPoints } from './spend-points.js';

/** An operator's correction: adds points in a new lot or takes them like a spend, with the reason members see. */
export async function adjustPoints(ctx: TenantCtx, memberId: string, input: { amount: number; note: string; idempotencyKey: string }): Promise<PostingResult> {
  const key = `adjust:${input.idempotencyKey}`;
  return input.amount > 0
    ? earnPoints(ctx, { memberId, amount: input.amount, reason: 'adjustment', idempotencyKey: key, note: input.note })
    : spendPoints(ctx, { memberId, amount: -input.amount, reason: 'adjustment', idempotencyKey: key, note: input.note });
}
