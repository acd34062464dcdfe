import { one, sql } from '../../../db/client.js';
import { actorUserId, type TenantCtx } from '../../../core/context.js';
import { recordAudit } from '../../workspace/record-audit.js';
import type { PlanInput, PlanView } from './contracts.js';
import { getPlan } from './get-plan.js';
import { syncTargets } from './sync-targets.js';
import { checkReferences, duplicatePlanName, writeStepsAndAttachments } from './write-plan.js';

/** A new plan; its targets (one per step and community it applies to) are computed in the same transaction. */
export async function createPlan(ctx: TenantCtx, input: PlanInput): Promise<PlanView> {
  await checkReferences(ctx, input);
  const row = await one<{ id: string }>(ctx.db, sql`
    insert into sop_plans (workspace_id, name, enabled, community_types, created_by)
    select ${ctx.workspaceId}, ${input.name}, ${input.enabled}, ${`{${input.communityTypes.join(',')}}`}::text[], ${actorUserId(ctx.actor)}
    where not exists (select 1 from sop_plans where workspace_id = ${ctx.workspaceId} and lower(name) = lower(${input.name}))
    on conflict do nothing returning id`);
  if (!row) throw duplicatePlanName(input.name);
  const steps = input.steps.map((s) => ({ ...s, id: undefined }));
  await writeStepsAndAttachments(ctx, row.id, { ...input, steps });
  const targets = await syncTargets(ctx, { planIds: [row.id] });
  await recordAudit(ctx, 'sop_plan.created', 'sop_plan', row.id, {
    name: input.name, enabled: input.enabled, communityTypes: input.communityTypes, communityIds: input.communityIds.length, steps: input.steps.length, targets,
  });
  return getPlan(ctx, row.id);
}
