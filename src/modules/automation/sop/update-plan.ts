import { one, rows, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { invalid, notFound } from '../../../core/errors.js';
import { recordAudit } from '../../workspace/record-audit.js';
import type { PlanInput, PlanView } from './contracts.js';
import { getPlan } from './get-plan.js';
import { syncTargets } from './sync-targets.js';
import { checkReferences, duplicatePlanName, timingChanged, writeStepsAndAttachments } from './write-plan.js';

/**
 * Replaces a plan's name, switch, attachments and steps. A step sent with its id is the same step (its sent
 * occurrences keep counting as done, so editing its copy does not resend today's); a step whose time or
 * recurrence changed is rescheduled from now; a step left out is deleted with its targets.
 */
export async function updatePlan(ctx: TenantCtx, id: string, input: PlanInput): Promise<PlanView> {
  const before = await getPlan(ctx, id);
  await one(ctx.db, sql`select 1 from sop_plans where workspace_id = ${ctx.workspaceId} and id = ${id} for update`);
  const existing = new Map(before.steps.map((s) => [s.id, s]));
  for (const [i, s] of input.steps.entries()) if (s.id && !existing.has(s.id)) throw invalid(`steps.${i}.id`, 'not a step of this plan');
  await checkReferences(ctx, input);
  const clash = await rows(ctx.db, sql`select 1 from sop_plans where workspace_id = ${ctx.workspaceId} and lower(name) = lower(${input.name}) and id <> ${id}`);
  if (clash.length) throw duplicatePlanName(input.name);
  const reset = new Set(input.steps.filter((s) => s.id && timingChanged(existing.get(s.id)!, s)).map((s) => s.id!));
  const updated = await one(ctx.db, sql`
    update sop_plans set name = ${input.name}, enabled = ${input.enabled}, community_types = ${`{${input.communityTypes.join(',')}}`}::text[], updated_at = now()
    where workspace_id = ${ctx.workspaceId} and id = ${id} returning id`);
  if (!updated) throw notFound('SOP plan');
  await writeStepsAndAttachments(ctx, id, { ...input, steps: input.steps.map((s) => ({ ...s })) });
  const targets = await syncTargets(ctx, { planIds: [id] }, reset);
  await recordAudit(ctx, 'sop_plan.updated', 'sop_plan', id, {
    before: { name: before.name, enabled: before.enabled, communityTypes: before.communityTypes, communityIds: before.communityIds.length, steps: before.steps.length },
    after: { name: input.name, enabled: input.enabled, communityTypes: input.communityTypes, communityIds: input.communityIds.length, steps: input.steps.length },
    rescheduledSteps: [...reset], targets,
  });
  return getPlan(ctx, id);
}
