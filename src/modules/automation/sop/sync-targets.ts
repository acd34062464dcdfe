import { rows, sql, uuids, type SQL } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { APPLIES, stepsOf, type StepRow } from './get-plan.js';
import { nextOccurrence, type StepSchedule } from './schedule.js';

/** How late an occurrence may still be sent. Older ones are skipped (recorded as missed), never sent late. */
export const GRACE_MS = 2 * 3600_000;

export const scheduleOf = (s: Pick<StepRow, 'time' | 'recurrence' | 'endsOn'>): StepSchedule => ({ time: s.time, recurrence: s.recurrence, endsOn: s.endsOn });

export interface SyncScope { planIds?: string[]; communityIds?: string[] }

/**
 * Where a new target starts counting. A group that opened within the grace period is owed everything since
 * its opening (the opening ceremony's day-0 steps); any other target starts now: attaching a plan at 09:05
 * does not send the 09:00 step late.
 */
function startOf(openedAt: Date, now: Date): Date {
  const age = now.getTime() - openedAt.getTime();
  return age >= 0 && age <= GRACE_MS ? new Date(openedAt.getTime() - 1) : now;
}

/**
 * Brings the targets of the scope in line with the plans: a (step, community) pair that applies gets a
 * target, one that no longer does (plan disabled, community retyped or archived, attachment removed) loses
 * it. Existing targets keep their next_run_at unless their step is in `reset` (its time or recurrence
 * changed), which recomputes it from now. Answers how many targets the scope has afterwards.
 */
export async function syncTargets(ctx: TenantCtx, scope: SyncScope, reset: Set<string> = new Set(), now = new Date()): Promise<number> {
  const filters: SQL[] = [];
  if (scope.planIds) filters.push(sql`and p.id = any(${uuids(scope.planIds)})`);
  if (scope.communityIds) filters.push(sql`and c.id = any(${uuids(scope.communityIds)})`);
  const where = sql.join(filters, sql` `);
  await ctx.db.execute(sql`
    delete from sop_targets t where t.workspace_id = ${ctx.workspaceId}
      ${scope.planIds ? sql`and t.plan_id = any(${uuids(scope.planIds)})` : sql``}
      ${scope.communityIds ? sql`and t.community_id = any(${uuids(scope.communityIds)})` : sql``}
      and not exists (select 1 from sop_plans p join communities c on c.id = t.community_id and ${APPLIES}
                      where p.workspace_id = t.workspace_id and p.id = t.plan_id and p.enabled)`);
  const pairs = await rows<{ planId: string; communityId: string; openedAt: Date }>(ctx.db, sql`
    select p.id as "planId", c.id as "communityId", c.created_at as "openedAt"
    from sop_plans p join communities c on ${APPLIES}
    where p.workspace_id = ${ctx.workspaceId} and p.enabled ${where}`);
  if (!pairs.length) return 0;
  const steps = await stepsOf(ctx, [...new Set(pairs.map((p) => p.planId))]);
  const byPlan = new Map<string, StepRow[]>();
  for (const s of steps) byPlan.set(s.planId, [...(byPlan.get(s.planId) ?? []), s]);
  // Steps that do not depend on the opening answer the same for every group starting now: computed once.
  const shared = new Map<string, string | null>();
  const fresh: { step_id: string; community_id: string; plan_id: string; next_run_at: string | null; reset: boolean }[] = [];
  for (const pair of pairs) {
    const start = startOf(pair.openedAt, now);
    for (const step of byPlan.get(pair.planId) ?? []) {
      const cacheable = start === now && step.recurrence.kind !== 'after_open';
      let next = cacheable ? shared.get(step.id) : undefined;
      if (next === undefined) {
        next = nextOccurrence(scheduleOf(step), pair.openedAt, ctx.timeZone, start)?.at.toISOString() ?? null;
        if (cacheable) shared.set(step.id, next);
      }
      fresh.push({ step_id: step.id, community_id: pair.communityId, plan_id: pair.planId, next_run_at: next, reset: reset.has(step.id) });
    }
  }
  for (let i = 0; i < fresh.length; i += 5000) {
    await ctx.db.execute(sql`
      insert into sop_targets (workspace_id, step_id, community_id, plan_id, next_run_at)
      select ${ctx.workspaceId}, x.step_id, x.community_id, x.plan_id, x.next_run_at
      from jsonb_to_recordset(${JSON.stringify(fresh.slice(i, i + 5000))}::jsonb)
        as x(step_id uuid, community_id uuid, plan_id uuid, next_run_at timestamptz, reset boolean)
      order by x.step_id, x.community_id
      on conflict (workspace_id, step_id, community_id) do update set next_run_at = excluded.next_run_at
        where sop_targets.step_id = any(${uuids([...reset])})`);
  }
  return pairs.length;
}
