import { one, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import type { RuleRow } from './rule-row.js';

export interface FiringRequest {
  /** The member the firing is about; null for a group signal (a leave spike). */
  memberId: string | null;
  communityId: string | null;
  /** What happened, unique for the subject: event:<id>, invite:<action id>, entry:<instant>, week:<monday>. */
  occurrence: string;
  occurredAt: Date;
  /** The repeat number, 1 for the first firing of an occurrence. */
  seq?: number;
  /** Default: occurredAt + the rule's delay. */
  scheduledAt?: Date;
  context?: Record<string, unknown>;
}

/** Stable for the (rule, subject, occurrence): whoever records the same firing again gets the same key. */
export const firingKey = (ruleId: string, subject: string | null, occurrence: string) => `${ruleId}:${subject ?? '-'}:${occurrence}`;

/**
 * Records that a rule fired, to be acted on at occurrence + delay by the run tick. The idempotency key makes
 * a second recording of the same occurrence (an event ingested again, an evaluation rerun after a crash)
 * a no-op. A member who already has the rule's cap of firings (scheduled or done) is not recorded again.
 * Answers the new firing's id, or null when nothing was recorded.
 */
export async function recordFiring(ctx: TenantCtx, rule: RuleRow, req: FiringRequest): Promise<string | null> {
  if (rule.capPerMember !== null && req.memberId) {
    // Two recorders of one member (the intake and a repeat) must not both see room under the cap.
    await ctx.db.execute(sql`select pg_advisory_xact_lock(hashtext(${`trigger-cap:${rule.id}:${req.memberId}`}))`);
    const used = await one<{ n: number }>(ctx.db, sql`
      select count(*)::int as n from trigger_firings
      where workspace_id = ${ctx.workspaceId} and rule_id = ${rule.id} and member_id = ${req.memberId} and status in ('scheduled', 'done')`);
    if (used!.n >= rule.capPerMember) return null;
  }
  const scheduledAt = req.scheduledAt ?? new Date(req.occurredAt.getTime() + rule.delayMinutes * 60_000);
  const row = await one<{ id: string }>(ctx.db, sql`
    insert into trigger_firings (workspace_id, rule_id, idempotency_key, member_id, community_id, occurrence, occurred_at, seq, context, scheduled_at)
    values (${ctx.workspaceId}, ${rule.id}, ${firingKey(rule.id, req.memberId ?? req.communityId, req.occurrence)}, ${req.memberId},
            ${req.communityId}, ${req.occurrence}, ${req.occurredAt.toISOString()}::timestamptz, ${req.seq ?? 1},
            ${JSON.stringify(req.context ?? {})}::jsonb, ${scheduledAt.toISOString()}::timestamptz)
    on conflict (workspace_id, idempotency_key) do nothing returning id`);
  return row?.id ?? null;
}
