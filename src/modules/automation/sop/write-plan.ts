import { one, rows, sql, uuids } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { AppError, invalid } from '../../../core/errors.js';
import { offeredVariants } from '../templates/get-template.js';
import { groupSendProblem } from '../templates/recipient.js';
import type { ContentType } from '../templates/content.js';
import type { PlanInput, StepInput } from './contracts.js';

export const duplicatePlanName = (name: string) =>
  new AppError('conflict', `name: a plan named ${name} already exists`, [{ path: 'name', message: 'already exists' }]);

/**
 * What zod cannot see: templates and communities must be this workspace's, templates active and fit for a
 * group (a step sends to the whole group, so {{member.name}} would be refused at every occurrence).
 */
export async function checkReferences(ctx: TenantCtx, input: Pick<PlanInput, 'steps' | 'communityIds'>): Promise<void> {
  const templateIds = [...new Set(input.steps.map((s) => s.templateId))];
  const templates = new Map((await rows<{ id: string; status: string; contentType: ContentType }>(ctx.db, sql`
    select id, status, content_type as "contentType" from message_templates where workspace_id = ${ctx.workspaceId} and id = any(${uuids(templateIds)})`))
    .map((t) => [t.id, t]));
  for (const [i, step] of input.steps.entries()) {
    const t = templates.get(step.templateId);
    if (!t) throw invalid(`steps.${i}.templateId`, 'no such template');
    if (t.status !== 'active') throw invalid(`steps.${i}.templateId`, 'template is archived');
    for (const v of (await offeredVariants(ctx, t.id)).filter((x) => x.weight > 0)) {
      const problem = groupSendProblem(t.contentType, v.content);
      if (problem) throw invalid(`steps.${i}.templateId`, `variant ${v.key}: ${problem}`);
    }
    if (step.recurrence.kind === 'dates' && step.endsOn && step.recurrence.dates.every((d) => d > step.endsOn!)) {
      throw invalid(`steps.${i}.endsOn`, 'is before every date of the step');
    }
  }
  const ids = [...new Set(input.communityIds)];
  if (ids.length) {
    const found = new Set((await rows<{ id: string }>(ctx.db, sql`
      select id from communities where workspace_id = ${ctx.workspaceId} and id = any(${uuids(ids)})`)).map((r) => r.id));
    const missing = input.communityIds.findIndex((id) => !found.has(id));
    if (missing >= 0) throw invalid(`communityIds.${missing}`, 'no such community');
  }
}

/** Whether a step's timing changed, so its targets' next occurrence must be recomputed. */
export const timingChanged = (before: { time: string; recurrence: unknown; endsOn: string | null }, after: StepInput) =>
  before.time !== after.time || before.endsOn !== after.endsOn || JSON.stringify(before.recurrence) !== JSON.stringify(after.recurrence);

/** Writes the plan's steps in order (updating kept ones, inserting new ones) and its attachments. */
export async function writeStepsAndAttachments(ctx: TenantCtx, planId: string, input: PlanInput): Promise<void> {
  const keep = input.steps.filter((s) => s.id).map((s) => s.id!);
  await ctx.db.execute(sql`delete from sop_steps where workspace_id = ${ctx.workspaceId} and plan_id = ${planId} and not (id = any(${uuids(keep)}))`);
  for (const [position, s] of input.steps.entries()) {
    const values = sql`${position}, ${s.label}, ${s.time}, ${JSON.stringify(s.recurrence)}::jsonb, ${s.templateId}, ${s.class}, ${s.endsOn}::date`;
    if (s.id) {
      await ctx.db.execute(sql`
        update sop_steps set (position, label, time_of_day, recurrence, template_id, class, ends_on) = (${values})
        where workspace_id = ${ctx.workspaceId} and plan_id = ${planId} and id = ${s.id}`);
    } else {
      const row = await one<{ id: string }>(ctx.db, sql`
        insert into sop_steps (workspace_id, plan_id, position, label, time_of_day, recurrence, template_id, class, ends_on)
        values (${ctx.workspaceId}, ${planId}, ${values}) returning id`);
      s.id = row!.id;
    }
  }
  await ctx.db.execute(sql`delete from sop_plan_communities where workspace_id = ${ctx.workspaceId} and plan_id = ${planId}`);
  if (input.communityIds.length) {
    await ctx.db.execute(sql`
      insert into sop_plan_communities (workspace_id, plan_id, community_id)
      select ${ctx.workspaceId}, ${planId}, x from unnest(${uuids([...new Set(input.communityIds)])}) as x`);
  }
}
