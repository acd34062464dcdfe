import { sql, type SQL } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { paginate, type Page } from '../../../core/pagination.js';
import { parseInput } from '../tasks/contracts.js';
import { listFiringsSchema, type Firing, type ListFiringsInput } from './contracts.js';

/** Firings, newest first, of one rule or all; with the action they asked for and its outbox status. */
export function listFirings(ctx: TenantCtx, input: ListFiringsInput = {}): Promise<Page<Firing>> {
  const q = parseInput(listFiringsSchema, input);
  const where: SQL[] = [sql`f.workspace_id = ${ctx.workspaceId}`];
  if (q.ruleId) where.push(sql`f.rule_id = ${q.ruleId}`);
  if (q.status) where.push(sql`f.status = ${q.status}`);
  return paginate<Firing>(ctx.db, q, sql`
    select f.id, f.rule_id as "ruleId", r.name as "ruleName", f.member_id as "memberId", m.display_name as "memberName",
           f.community_id as "communityId", c.name as "communityName", f.occurrence, f.occurred_at as "occurredAt", f.seq,
           f.scheduled_at as "scheduledAt", f.status, f.reason, f.action_id as "actionId", a.status as "actionStatus",
           f.created_at as "createdAt", f.closed_at as "closedAt"
    from trigger_firings f
    join trigger_rules r on r.workspace_id = f.workspace_id and r.id = f.rule_id
    left join members m on m.workspace_id = f.workspace_id and m.id = f.member_id
    left join communities c on c.workspace_id = f.workspace_id and c.id = f.community_id
    left join actions a on a.workspace_id = f.workspace_id and a.id = f.action_id
    where ${sql.join(where, sql` and `)}`, sql`"createdAt" desc, id`);
}
