import { one, sql } from '../../../db/client.js';
import { actorUserId, type TenantCtx } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';
import { recordAudit } from '../../workspace/record-audit.js';
import { parseInput } from '../tasks/contracts.js';
import { createTriggerSchema, updateTriggerSchema, type Trigger, type UpdateTriggerInput } from './contracts.js';
import { checkRule } from './check-rule.js';
import { definitionColumns, duplicateName } from './create-trigger.js';
import { getTrigger } from './get-trigger.js';
import { findRule } from './rule-row.js';

/**
 * Changes some fields of a rule (enabling and disabling too); the result is checked as a whole, as if new.
 * Firings already recorded keep their schedule and are judged by the rule as it is when they come due.
 * Changing what a segment rule watches (when or scope) forgets who it saw in the segment, so the next
 * evaluation treats everyone in the new segment as entering it.
 */
export async function updateTrigger(ctx: TenantCtx, id: string, input: UpdateTriggerInput): Promise<Trigger> {
  const patch = parseInput(updateTriggerSchema, input);
  const before = await findRule(ctx, id);
  if (!before) throw notFound('trigger');
  const d = parseInput(createTriggerSchema, {
    name: before.name, enabled: before.enabled, scope: before.scope, when: before.when, delay: before.delay, condition: before.condition,
    do: before.do, capPerMember: before.capPerMember, repeatAfter: before.repeatAfter, ...patch,
  });
  await checkRule(ctx, d);
  const c = definitionColumns(d);
  const taken = await one(ctx.db, sql`select 1 from trigger_rules where workspace_id = ${ctx.workspaceId} and lower(name) = lower(${d.name}) and id <> ${id}`);
  if (taken) throw duplicateName(d.name);
  await ctx.db.execute(sql`
    update trigger_rules set name = ${d.name}, enabled = ${d.enabled}, scope = ${c.scope}::jsonb, when_kind = ${c.whenKind},
      event_type = ${c.eventType}, when_spec = ${c.when}::jsonb, delay_minutes = ${c.delayMinutes}, delay = ${c.delay}::jsonb,
      condition = ${d.condition}, do_spec = ${c.doSpec}::jsonb, cap_per_member = ${d.capPerMember},
      repeat_after_minutes = ${c.repeatAfterMinutes}, repeat_after = ${c.repeatAfter}::jsonb,
      updated_by = ${actorUserId(ctx.actor)}, updated_at = now()
    where workspace_id = ${ctx.workspaceId} and id = ${id}`);
  if (JSON.stringify([before.when, before.scope]) !== JSON.stringify([d.when, d.scope])) {
    await ctx.db.execute(sql`delete from trigger_segment_states where workspace_id = ${ctx.workspaceId} and rule_id = ${id}`);
  }
  const { createdAt: _c, updatedAt: _u, whenKind: _k, delayMinutes: _d, repeatAfterMinutes: _r, ...was } = before;
  await recordAudit(ctx, 'trigger.updated', 'trigger', id, { before: was, after: d });
  return getTrigger(ctx, id);
}
