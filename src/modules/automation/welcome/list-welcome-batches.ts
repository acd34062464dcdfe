import { sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { paginate, type Page } from '../../../core/pagination.js';
import { parseInput } from '../tasks/contracts.js';
import { listBatchesSchema, type ListBatchesInput, type WelcomeBatch } from './contracts.js';

/**
 * Recent batches, newest first, with the group welcome's delivery status read from the outbox: a batch is
 * as far along as its message ('refused' when it could not be queued at all).
 */
export function listWelcomeBatches(ctx: TenantCtx, input: ListBatchesInput): Promise<Page<WelcomeBatch>> {
  const q = parseInput(listBatchesSchema, input);
  return paginate<WelcomeBatch>(ctx.db, q, sql`
    select b.id, b.community_id as "communityId", c.name as "communityName", b.flow_id as "flowId", f.name as "flowName",
      b.window_start as "windowStart", b.window_end as "windowEnd", b.dropped, b.error, b.problems, b.action_id as "actionId",
      case when b.error is not null then 'refused' else coalesce(a.status, 'cancelled') end as status, a.sent_at as "sentAt", b.created_at as "createdAt",
      coalesce((select jsonb_agg(jsonb_build_object('memberId', m.id, 'name', m.display_name) order by j.joined_at, j.id)
                from welcome_joins j join members m on m.workspace_id = j.workspace_id and m.id = j.member_id
                where j.workspace_id = b.workspace_id and j.batch_id = b.id and j.status = 'batched'), '[]'::jsonb) as newcomers
    from welcome_batches b
    join communities c on c.workspace_id = b.workspace_id and c.id = b.community_id
    left join welcome_flows f on f.workspace_id = b.workspace_id and f.id = b.flow_id
    left join actions a on a.workspace_id = b.workspace_id and a.id = b.action_id
    where b.workspace_id = ${ctx.workspaceId}
      ${q.flowId ? sql`and b.flow_id = ${q.flowId}` : sql``}
      ${q.communityId ? sql`and b.community_id = ${q.communityId}` : sql``}`, sql`"createdAt" desc, id`);
}
