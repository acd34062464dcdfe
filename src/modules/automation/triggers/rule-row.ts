import { one, rows, sql, type SQL } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import type { Condition, Duration, TriggerDo, TriggerScope, TriggerWhen, WhenKind } from './contracts.js';

/** A rule as the engine reads it: the definition plus the minutes it was saved with. */
export interface RuleRow {
  id: string;
  name: string;
  enabled: boolean;
  preset: string | null;
  scope: TriggerScope;
  whenKind: WhenKind;
  when: TriggerWhen;
  delay: Duration | null;
  delayMinutes: number;
  condition: Condition | null;
  do: TriggerDo;
  capPerMember: number | null;
  repeatAfter: Duration | null;
  repeatAfterMinutes: number | null;
  createdAt: Date;
  updatedAt: Date;
}

export const RULE_COLUMNS = sql`
  r.id, r.name, r.enabled, r.preset, r.scope, r.when_kind as "whenKind", r.when_spec as "when", r.delay,
  r.delay_minutes as "delayMinutes", r.condition, r.do_spec as "do", r.cap_per_member as "capPerMember",
  r.repeat_after as "repeatAfter", r.repeat_after_minutes as "repeatAfterMinutes", r.created_at as "createdAt", r.updated_at as "updatedAt"`;

/** The rule, or null when it is unknown here (another workspace's rule reads as unknown). */
export async function findRule(ctx: TenantCtx, id: string): Promise<RuleRow | null> {
  return (await one<RuleRow>(ctx.db, sql`select ${RULE_COLUMNS} from trigger_rules r where r.workspace_id = ${ctx.workspaceId} and r.id = ${id}`)) ?? null;
}

/** Enabled rules of some kinds, oldest first, so firings are recorded in a stable order. */
export function enabledRules(ctx: TenantCtx, kinds: WhenKind[]): Promise<RuleRow[]> {
  return rows<RuleRow>(ctx.db, sql`
    select ${RULE_COLUMNS} from trigger_rules r
    where r.workspace_id = ${ctx.workspaceId} and r.enabled
      and r.when_kind in (select jsonb_array_elements_text(${JSON.stringify(kinds)}::jsonb))
    order by r.created_at, r.id`);
}

/** Rules with their firing counts, as the API shows them. */
export function selectTriggers(ctx: TenantCtx, where: SQL): SQL {
  return sql`
    select r.id, r.name, r.enabled, r.preset, r.scope, r.when_spec as "when", r.delay, r.condition, r.do_spec as "do",
           r.cap_per_member as "capPerMember", r.repeat_after as "repeatAfter", r.created_at as "createdAt", r.updated_at as "updatedAt",
           jsonb_build_object(
             'scheduled', count(f.id) filter (where f.status = 'scheduled'),
             'done', count(f.id) filter (where f.status = 'done'),
             'skipped', count(f.id) filter (where f.status = 'skipped')) as firings,
           max(f.created_at) as "lastFiredAt"
    from trigger_rules r
    left join trigger_firings f on f.workspace_id = r.workspace_id and f.rule_id = r.id
    where r.workspace_id = ${ctx.workspaceId} and ${where}
    group by r.workspace_id, r.id`;
}
