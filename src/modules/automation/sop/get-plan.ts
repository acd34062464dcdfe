import { one, rows, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';
import type { PlanView } from './contracts.js';
import type { Recurrence } from './schedule.js';

export interface StepRow {
  id: string; planId: string; position: number; label: string; time: string; recurrence: Recurrence;
  templateId: string; templateName: string; class: 'marketing' | 'service'; endsOn: string | null;
}

export const STEP_COLUMNS = sql`s.id, s.plan_id as "planId", s.position, s.label, s.time_of_day as time, s.recurrence, s.template_id as "templateId",
  coalesce(t.name, '') as "templateName", s.class, to_char(s.ends_on, 'YYYY-MM-DD') as "endsOn"`;

/** Steps of the given plans (all of the workspace's when planIds is absent), in plan order. */
export function stepsOf(ctx: TenantCtx, planIds?: string[]): Promise<StepRow[]> {
  return rows<StepRow>(ctx.db, sql`
    select ${STEP_COLUMNS} from sop_steps s
    left join message_templates t on t.workspace_id = s.workspace_id and t.id = s.template_id
    where s.workspace_id = ${ctx.workspaceId} ${planIds ? sql`and s.plan_id = any(${`{${planIds.join(',')}}`}::uuid[])` : sql``}
    order by s.plan_id, s.position`);
}

/**
 * Communities a plan applies to, as a predicate on `c` (communities) and `p` (sop_plans): active, and of
 * one of the plan's types or attached by name. Shared by the target sync, the calendar and the cap check so
 * all three agree on who a plan reaches.
 */
export const APPLIES = sql`c.workspace_id = p.workspace_id and c.status = 'active' and (c.type = any(p.community_types)
  or exists (select 1 from sop_plan_communities pc where pc.workspace_id = p.workspace_id and pc.plan_id = p.id and pc.community_id = c.id))`;

export async function getPlan(ctx: TenantCtx, id: string): Promise<PlanView> {
  const plan = await one<Omit<PlanView, 'steps' | 'communityIds'>>(ctx.db, sql`
    select p.id, p.name, p.enabled, p.community_types as "communityTypes", p.created_at as "createdAt", p.updated_at as "updatedAt",
      (select count(*)::int from communities c where ${APPLIES}) as targets
    from sop_plans p where p.workspace_id = ${ctx.workspaceId} and p.id = ${id}`);
  if (!plan) throw notFound('SOP plan');
  const attached = await rows<{ id: string }>(ctx.db, sql`
    select community_id as id from sop_plan_communities where workspace_id = ${ctx.workspaceId} and plan_id = ${id} order by community_id`);
  const steps = (await stepsOf(ctx, [id])).map(({ planId: _planId, ...s }) => s);
  return { ...plan, communityIds: attached.map((a) => a.id), steps };
}
