import { one, sql, type SQL } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { paginate, type Page } from '../../../core/pagination.js';
import { ACTION_STATUSES, type ListOutboxQuery, type OutboxAction } from './contracts.js';

export const OUTBOX_COLUMNS = sql`
  a.id, a.kind, a.channel, a.status, a.community_id as "communityId", c.name as "communityName",
  a.member_id as "memberId", m.display_name as "memberName",
  coalesce(nullif(a.payload->>'text', ''), nullif(a.payload->>'title', ''), '') as summary,
  case when a.payload->'automated' = 'true'::jsonb
       then case when a.payload->>'class' = 'service' then 'service' else 'marketing' end end as automation,
  a.attempts, a.last_error as "lastError", a.next_attempt_at as "nextAttemptAt", a.created_at as "createdAt", a.sent_at as "sentAt"`;

export const outboxFrom = (ctx: TenantCtx) => sql`
  from actions a
  left join communities c on c.workspace_id = a.workspace_id and c.id = a.community_id
  left join members m on m.workspace_id = a.workspace_id and m.id = a.member_id
  where a.workspace_id = ${ctx.workspaceId}`;

/** The outbox, newest first, filtered by status, kind and community. */
export function listOutbox(ctx: TenantCtx, q: ListOutboxQuery): Promise<Page<OutboxAction>> {
  const filters: SQL[] = [];
  if (q.status?.length) filters.push(sql`and a.status = any(${`{${q.status.join(',')}}`}::text[])`);
  if (q.kind?.length) filters.push(sql`and a.kind = any(${`{${q.kind.join(',')}}`}::text[])`);
  if (q.communityId) filters.push(sql`and a.community_id = ${q.communityId}`);
  return paginate<OutboxAction>(ctx.db, q, sql`select ${OUTBOX_COLUMNS} ${outboxFrom(ctx)} ${sql.join(filters, sql` `)}`, sql`"createdAt" desc, id`);
}

/** How many actions are in each status, for the tabs. */
export async function outboxCounts(ctx: TenantCtx): Promise<Record<(typeof ACTION_STATUSES)[number], number>> {
  const r = await one<Record<string, number>>(ctx.db, sql`
    select ${sql.join(ACTION_STATUSES.map((s) => sql`count(*) filter (where status = ${s})::int as ${sql.identifier(s)}`), sql`, `)}
    from actions where workspace_id = ${ctx.workspaceId}`);
  return r as Record<(typeof ACTION_STATUSES)[number], number>;
}
