import { one, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { AppError } from '../../../core/errors.js';
import { conditionProblem } from './check-condition.js';
import type { FiringRow } from './firing-row.js';
import { performAction } from './perform-action.js';
import { recordFiring } from './record-firing.js';
import { findRule } from './rule-row.js';

export type FiringOutcome = { status: 'done'; actionId: string | null } | { status: 'skipped'; reason: string };

async function close(ctx: TenantCtx, id: string, outcome: FiringOutcome): Promise<FiringOutcome> {
  await ctx.db.execute(sql`
    update trigger_firings set status = ${outcome.status}, closed_at = now(),
      action_id = ${outcome.status === 'done' ? outcome.actionId : null}, reason = ${outcome.status === 'skipped' ? outcome.reason : null}
    where workspace_id = ${ctx.workspaceId} and id = ${id}`);
  return outcome;
}

/**
 * Acts on one due firing, in the caller's transaction: locks it, re-checks that the rule is enabled and
 * its condition still holds, asks for the action through the outbox (keyed by the firing) and closes the
 * firing, so the action and "done" commit together or not at all. A firing another worker holds, or one
 * already closed, answers null. A refused action closes the firing as skipped with the refusal's words.
 * A repeating rule records the next reminder here, so it exists exactly when this one is done.
 */
export async function runFiring(ctx: TenantCtx, id: string, asOf: Date): Promise<FiringOutcome | null> {
  const f = await one<FiringRow>(ctx.db, sql`
    select id, rule_id as "ruleId", member_id as "memberId", community_id as "communityId", occurrence, occurred_at as "occurredAt",
           seq, scheduled_at as "scheduledAt", context
    from trigger_firings
    where workspace_id = ${ctx.workspaceId} and id = ${id} and status = 'scheduled' and scheduled_at <= ${asOf.toISOString()}::timestamptz
    for update skip locked`);
  if (!f) return null;
  const rule = (await findRule(ctx, f.ruleId))!;
  if (!rule.enabled) return close(ctx, f.id, { status: 'skipped', reason: 'rule disabled' });
  const problem = await conditionProblem(ctx, rule.condition, f);
  if (problem) return close(ctx, f.id, { status: 'skipped', reason: problem });
  let actionId: string | null;
  try {
    actionId = await performAction(ctx, rule, f, asOf);
  } catch (err) {
    // Refusals are checked before anything is written, so the transaction is still clean to record them in.
    if (err instanceof AppError && err.status < 500) return close(ctx, f.id, { status: 'skipped', reason: err.message });
    throw err;
  }
  if (rule.repeatAfterMinutes && f.memberId) {
    const next = f.seq + 1;
    await recordFiring(ctx, rule, {
      memberId: f.memberId, communityId: f.communityId, occurrence: `${f.occurrence.replace(/#\d+$/, '')}#${next}`, occurredAt: f.occurredAt,
      seq: next, scheduledAt: new Date(f.scheduledAt.getTime() + rule.repeatAfterMinutes * 60_000), context: f.context,
    });
  }
  return close(ctx, f.id, { status: 'done', actionId });
}
