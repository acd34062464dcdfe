import { one, sql } from '../../db/client.js';
import { actorUserId, type TenantCtx } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import { parseInput } from '../automation/tasks/contracts.js';
import { recordAudit } from '../workspace/record-audit.js';
import { ruleSetInputSchema, type RuleSetView } from './contracts.js';
import { getRuleSet } from './rule-set-row.js';

const missing = (path: string, what: string) => new AppError('not_found', `${path}: ${what} not found`, [{ path, message: `${what} not found` }]);

/** Creates the rule set of one scope; a scope holds one rule set, so a second one for it is a conflict. */
export async function createRuleSet(ctx: TenantCtx, input: unknown): Promise<RuleSetView> {
  const v = parseInput(ruleSetInputSchema, input);
  const type = v.scope.kind === 'community_type' ? v.scope.communityType : null;
  const communityId = v.scope.kind === 'community' ? v.scope.communityId : null;
  if (communityId && !(await one(ctx.db, sql`select 1 from communities where workspace_id = ${ctx.workspaceId} and id = ${communityId}`))) {
    throw missing('scope.communityId', 'community');
  }
  const row = await one<{ id: string }>(ctx.db, sql`
    insert into moderation_rule_sets (workspace_id, scope_kind, community_type, community_id, enabled, rules, updated_by)
    values (${ctx.workspaceId}, ${v.scope.kind}, ${type}, ${communityId}, ${v.enabled}, ${JSON.stringify(v.rules)}::jsonb, ${actorUserId(ctx.actor)})
    on conflict do nothing returning id`);
  if (!row) throw new AppError('conflict', 'scope: already has a rule set; edit that one', [{ path: 'scope', message: 'already has a rule set; edit that one' }]);
  await recordAudit(ctx, 'moderation.rule_set_created', 'moderation_rule_set', row.id, { scope: v.scope });
  return getRuleSet(ctx, row.id);
}
