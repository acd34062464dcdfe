import { one, sql } from '../../db/client.js';
import type { TenantCtx } from '../../core/context.js';
import type { LadderStep } from './contracts.js';
import type { StoredModerationSettings } from './settings.js';

// Beside the intake's (723003), the guardrails' (723006) and check-in's (723016) advisory lock ids.
const MODERATION_LOCK = 723029;

/** Makes one member's decisions and reversals take turns, so the strike a decision counts is the one it adds to. */
export async function lockMemberStrikes(ctx: TenantCtx, memberId: string): Promise<void> {
  await ctx.db.execute(sql`select pg_advisory_xact_lock(${MODERATION_LOCK}, hashtext(${memberId}))`);
}

/**
 * The step a member's next violation takes: their violations across the workspace's groups within the
 * window before `at` that still count (not reversed), plus this one, picks the ladder's step; past the
 * ladder's end the last step repeats.
 */
export async function nextStep(ctx: TenantCtx, memberId: string, at: Date, settings: StoredModerationSettings): Promise<{ step: LadderStep; strike: number }> {
  const counted = await one<{ n: number }>(ctx.db, sql`
    select count(*)::int as n from moderation_violations
    where workspace_id = ${ctx.workspaceId} and member_id = ${memberId} and status = 'active'
      and occurred_at > ${at.toISOString()}::timestamptz - make_interval(days => ${settings.strikeWindowDays})
      and occurred_at <= ${at.toISOString()}::timestamptz`);
  const strike = (counted?.n ?? 0) + 1;
  return { step: settings.ladder[Math.min(strike, settings.ladder.length) - 1]!, strike };
}
