import { sql } from '../../db/client.js';
import { actorUserId, type TenantCtx } from '../../core/context.js';
import { parseInput } from '../automation/tasks/contracts.js';
import { recordAudit } from '../workspace/record-audit.js';
import { ruleSetUpdateSchema, type RuleSetView } from './contracts.js';
import { getRuleSet } from './rule-set-row.js';

/** Replaces a rule set's settings (its scope stays); the new version makes the listener compile it afresh. */
export async function updateRuleSet(ctx: TenantCtx, id: string, input: unknown): Promise<RuleSetView> {
  const before = await getRuleSet(ctx, id);
  const v = parseInput(ruleSetUpdateSchema, input);
  await ctx.db.execute(sql`
    update moderation_rule_sets set enabled = ${v.enabled}, rules = ${JSON.stringify(v.rules)}::jsonb, version = version + 1,
      updated_at = now(), updated_by = ${actorUserId(ctx.actor)}
    where workspace_id = ${ctx.workspaceId} and id = ${id}`);
  await recordAudit(ctx, 'moderation.rule_set_updated', 'moderation_rule_set', id, { before: { enabled: before.enabled, rules: before.rules }, after: v });
  return getRuleSet(ctx, id);
}
