import { sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { paginate, type Page, type PageQuery } from '../../../core/pagination.js';
import { z } from 'zod';
import type { planListItemSchema } from './contracts.js';
import { APPLIES } from './get-plan.js';

export type PlanListItem = z.infer<typeof planListItemSchema>;

/** The workspace's plans by name, with how many steps and communities each has. */
export function listPlans(ctx: TenantCtx, q: PageQuery): Promise<Page<PlanListItem>> {
  return paginate<PlanListItem>(ctx.db, q, sql`
    select p.id, p.name, p.enabled, p.community_types as "communityTypes", p.created_at as "createdAt", p.updated_at as "updatedAt",
      coalesce((select array_agg(pc.community_id::text order by pc.community_id) from sop_plan_communities pc
                where pc.workspace_id = p.workspace_id and pc.plan_id = p.id), '{}') as "communityIds",
      (select count(*)::int from sop_steps s where s.workspace_id = p.workspace_id and s.plan_id = p.id) as "stepCount",
      (select count(*)::int from communities c where ${APPLIES}) as targets
    from sop_plans p where p.workspace_id = ${ctx.workspaceId}`, sql`lower(name), id`);
}
