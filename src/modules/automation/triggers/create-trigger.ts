import { one, sql } from '../../../db/client.js';
import { actorUserId, type TenantCtx } from '../../../core/context.js';
import { AppError } from '../../../core/errors.js';
import { recordAudit } from '../../workspace/record-audit.js';
import { parseInput } from '../tasks/contracts.js';
import { createTriggerSchema, minutesOf, type CreateTriggerInput, type Trigger, type TriggerDefinition } from './contracts.js';
import { checkRule } from './check-rule.js';
import { getTrigger } from './get-trigger.js';

export const duplicateName = (name: string) =>
  new AppError('conflict', `name: a trigger named ${name} already exists`, [{ path: 'name', message: 'already exists' }]);

/** The columns a definition is stored in; when_kind, event_type and the minutes are what the engine selects by. */
export function definitionColumns(d: TriggerDefinition) {
  return {
    scope: JSON.stringify(d.scope), whenKind: d.when.kind, eventType: d.when.kind === 'event' ? d.when.eventType : null,
    when: JSON.stringify(d.when), delay: d.delay ? JSON.stringify(d.delay) : null, delayMinutes: minutesOf(d.delay),
    doSpec: JSON.stringify(d.do), repeatAfter: d.repeatAfter ? JSON.stringify(d.repeatAfter) : null,
    repeatAfterMinutes: d.repeatAfter ? minutesOf(d.repeatAfter) : null,
  };
}

/** A new rule (enabled unless asked otherwise); `preset` records which preset made it. */
export async function createTrigger(ctx: TenantCtx, input: CreateTriggerInput, preset: string | null = null): Promise<Trigger> {
  const d = parseInput(createTriggerSchema, input);
  await checkRule(ctx, d);
  const c = definitionColumns(d);
  const row = await one<{ id: string }>(ctx.db, sql`
    insert into trigger_rules (workspace_id, name, enabled, preset, scope, when_kind, event_type, when_spec, delay_minutes, delay,
                               condition, do_spec, cap_per_member, repeat_after_minutes, repeat_after, created_by, updated_by)
    select ${ctx.workspaceId}, ${d.name}, ${d.enabled}, ${preset}, ${c.scope}::jsonb, ${c.whenKind}, ${c.eventType}, ${c.when}::jsonb,
           ${c.delayMinutes}, ${c.delay}::jsonb, ${d.condition}, ${c.doSpec}::jsonb, ${d.capPerMember}, ${c.repeatAfterMinutes},
           ${c.repeatAfter}::jsonb, ${actorUserId(ctx.actor)}, ${actorUserId(ctx.actor)}
    where not exists (select 1 from trigger_rules where workspace_id = ${ctx.workspaceId} and lower(name) = lower(${d.name}))
    on conflict do nothing returning id`);
  if (!row) throw duplicateName(d.name);
  await recordAudit(ctx, 'trigger.created', 'trigger', row.id, { ...d, preset });
  return getTrigger(ctx, row.id);
}
