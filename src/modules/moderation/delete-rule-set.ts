import { sql } from '../../db/client.js';
import type { TenantCtx } from '../../core/context.js';
import { recordAudit } from '../workspace/record-audit.js';
import { getRuleSet } from './rule-set-row.js';

/** Deletes a rule set: its groups fall back to the next less specific scope. The log keeps its decisions. */
export async function deleteRuleSet(ctx: TenantCtx, id: string): Promise<void> {
  const before = await getRuleSet(ctx, id);
  await ctx.db.execute(sql`delete from moderation_rule_sets where workspace_id = ${ctx.workspaceId} and id = ${id}`);
  await recordAudit(ctx, 'moderation.rule_set_deleted', 'moderation_rule_set', id, { scope: before.scope, rules: before.rules });
}
