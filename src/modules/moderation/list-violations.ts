import { sql } from '../../db/client.js';
import type { TenantCtx } from '../../core/context.js';
import { paginate, type Page } from '../../core/pagination.js';
import type { Violation, ViolationQuery } from './contracts.js';

export const VIOLATION_COLUMNS = sql`
  v.id, v.event_id as "eventId", v.occurred_at as "occurredAt", v.community_id as "communityId", c.name as "communityName",
  v.member_id as "memberId", m.display_name as "memberName", v.rule, v.category, v.evidence, v.findings, v.message_text as "messageText",
  v.step, v.strike, v.action_id as "actionId", a.status as "actionStatus", v.action_error as "actionError", v.status,
  v.reversed_by as "reversedBy", v.reversed_at as "reversedAt", v.reversed_reason as "reversedReason", v.reinvite_action_id as "reinviteActionId"`;

export const violationsFrom = (ctx: TenantCtx) => sql`
  from moderation_violations v
  join members m on m.workspace_id = v.workspace_id and m.id = v.member_id
  left join communities c on c.workspace_id = v.workspace_id and c.id = v.community_id
  left join actions a on a.workspace_id = v.workspace_id and a.id = v.action_id
  where v.workspace_id = ${ctx.workspaceId}`;

/** The decision log, newest first, filtered by group, member, rule or status. */
export function listViolations(ctx: TenantCtx, q: ViolationQuery): Promise<Page<Violation>> {
  const filters = [
    q.communityId ? sql` and v.community_id = ${q.communityId}` : sql``,
    q.memberId ? sql` and v.member_id = ${q.memberId}` : sql``,
    q.rule ? sql` and v.rule = ${q.rule}` : sql``,
    q.status ? sql` and v.status = ${q.status}` : sql``,
  ];
  return paginate<Violation>(ctx.db, q, sql`select ${VIOLATION_COLUMNS} ${violationsFrom(ctx)} ${sql.join(filters, sql``)}`, sql`"occurredAt" desc, id`);
}
