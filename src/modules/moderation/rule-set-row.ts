import { one, rows, sql, type SQL } from '../../db/client.js';
import type { TenantCtx } from '../../core/context.js';
import { notFound } from '../../core/errors.js';
import { ruleSettingsSchema, type RuleSetView } from './contracts.js';

interface Row extends Omit<RuleSetView, 'scope'> { kind: RuleSetView['scope']['kind']; communityType: RuleSetView['scope']['communityType']; communityId: string | null; communityName: string | null }

const SELECT = (ctx: TenantCtx) => sql`
  select r.id, r.scope_kind as kind, r.community_type as "communityType", r.community_id as "communityId", c.name as "communityName",
    r.enabled, r.rules, r.version, r.updated_at as "updatedAt"
  from moderation_rule_sets r left join communities c on c.workspace_id = r.workspace_id and c.id = r.community_id
  where r.workspace_id = ${ctx.workspaceId}`;

// Stored rules are read through the schema, so a rule set saved before a setting existed gets its default.
const view = ({ kind, communityType, communityId, communityName, rules, ...rest }: Row): RuleSetView =>
  ({ ...rest, rules: ruleSettingsSchema.parse(rules), scope: { kind, communityType, communityId, communityName } });

export async function getRuleSet(ctx: TenantCtx, id: string): Promise<RuleSetView> {
  const row = await one<Row>(ctx.db, sql`${SELECT(ctx)} and r.id = ${id}`);
  if (!row) throw notFound('rule set');
  return view(row);
}

export async function findRuleSets(ctx: TenantCtx, where: SQL = sql``): Promise<RuleSetView[]> {
  const found = await rows<Row>(ctx.db, sql`${SELECT(ctx)} ${where}
    order by case r.scope_kind when 'workspace' then 0 when 'community_type' then 1 else 2 end, r.community_type, c.name, r.created_at`);
  return found.map(view);
}
