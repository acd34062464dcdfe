import { one, sql } from '../../db/client.js';
import type { TenantCtx } from '../../core/context.js';
import type { Finding } from './engine/types.js';
import type { LadderStep } from './contracts.js';
import { queueStep } from './queue-step.js';
import { lockMemberStrikes, nextStep } from './strikes.js';
import type { StoredModerationSettings } from './settings.js';

export interface Decision {
  eventId: string; occurredAt: Date; communityId: string; memberId: string; text: string | null;
  /** The finding that names the decision; `findings` holds them all. */
  rule: string; category: string; evidence: string; findings: Finding[];
  warnText: string;
  /** A step decided by the caller (the block list removes at once) instead of the ladder's. */
  step?: LadderStep;
}

/**
 * Takes one decision: the member's next ladder step (or the given one), recorded in the log and queued
 * through the outbox, once per event and rule. The row is written first and the action keyed by the event
 * and rule, so a decision replayed for any reason finds its row and queues nothing.
 */
export async function recordDecision(ctx: TenantCtx, d: Decision, settings: StoredModerationSettings): Promise<{ id: string; step: LadderStep } | null> {
  await lockMemberStrikes(ctx, d.memberId);
  const ladder = await nextStep(ctx, d.memberId, d.occurredAt, settings);
  const step = d.step ?? ladder.step;
  const row = await one<{ id: string }>(ctx.db, sql`
    insert into moderation_violations (workspace_id, event_id, community_id, member_id, rule, category, evidence, findings, message_text, step, strike, occurred_at)
    values (${ctx.workspaceId}, ${d.eventId}, ${d.communityId}, ${d.memberId}, ${d.rule}, ${d.category}, ${d.evidence.slice(0, 500)},
            ${JSON.stringify(d.findings)}::jsonb, ${d.text?.slice(0, 2000) ?? null}, ${step}, ${ladder.strike}, ${d.occurredAt.toISOString()})
    on conflict (workspace_id, event_id, rule) do nothing returning id`);
  if (!row) return null;
  const queued = await queueStep(ctx, step, {
    communityId: d.communityId, memberId: d.memberId, idempotencyKey: `moderation:${d.eventId}:${d.rule}`,
    warnText: d.warnText, rule: d.rule, evidence: d.evidence,
  });
  await ctx.db.execute(sql`
    update moderation_violations set action_id = ${queued.actionId}, action_error = ${queued.error}
    where workspace_id = ${ctx.workspaceId} and id = ${row.id}`);
  return { id: row.id, step };
}
