import { rows, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { sendTemplate } from '../templates/send-template.js';
import type { Recurrence } from './schedule.js';
import { nextOccurrence, type Occurrence } from './schedule.js';
import { GRACE_MS, scheduleOf } from './sync-targets.js';

export interface BatchResult { targets: number; queued: number; missed: number; refused: number }

interface DueTarget {
  stepId: string; communityId: string; planId: string; nextRunAt: Date; time: string; recurrence: Recurrence; endsOn: string | null;
  templateId: string; class: 'marketing' | 'service'; openedAt: Date;
}

/** An occurrence's action key: the same step, group and planned local slot always name the same action. */
export const occurrenceKey = (stepId: string, communityId: string, localSlot: string) => `sop:${stepId}:${communityId}:${localSlot}`;

// A target left behind for longer than this many occurrences (a worker down for months) jumps to the present.
const MAX_MISSED_RECORDED = 62;

/**
 * One batch of the workspace's due targets, in the caller's transaction: claims them (SKIP LOCKED, so two
 * ticks share the work), queues each owed occurrence through sendTemplate with the occurrence's key,
 * records what became of it, and moves next_run_at on. A crash anywhere rolls the whole batch back; a rerun
 * reaches the same keys, so nothing is queued twice.
 */
export async function materialiseDue(ctx: TenantCtx, now: Date, limit: number): Promise<BatchResult> {
  const due = await rows<DueTarget>(ctx.db, sql`
    select t.step_id as "stepId", t.community_id as "communityId", t.plan_id as "planId", t.next_run_at as "nextRunAt",
      s.time_of_day as time, s.recurrence, to_char(s.ends_on, 'YYYY-MM-DD') as "endsOn", s.template_id as "templateId", s.class,
      c.created_at as "openedAt"
    from sop_targets t
    join sop_steps s on s.workspace_id = t.workspace_id and s.id = t.step_id
    join communities c on c.workspace_id = t.workspace_id and c.id = t.community_id
    where t.workspace_id = ${ctx.workspaceId} and t.next_run_at <= ${now.toISOString()}::timestamptz
    order by t.next_run_at, s.position limit ${limit}
    for update of t skip locked`);
  const result: BatchResult = { targets: due.length, queued: 0, missed: 0, refused: 0 };
  const records: { step_id: string; community_id: string; plan_id: string; local_slot: string; at: string; outcome: string; action_id: string | null; error: string | null }[] = [];
  const moves: { step_id: string; community_id: string; next_run_at: string | null }[] = [];
  for (const t of due) {
    const schedule = scheduleOf(t);
    let occ: Occurrence | null = nextOccurrence(schedule, t.openedAt, ctx.timeZone, new Date(t.nextRunAt.getTime() - 1));
    let missedHere = 0;
    while (occ && occ.at <= now) {
      const record = { step_id: t.stepId, community_id: t.communityId, plan_id: t.planId, local_slot: occ.localSlot, at: occ.at.toISOString() };
      if (now.getTime() - occ.at.getTime() > GRACE_MS) {
        result.missed++;
        if (++missedHere <= MAX_MISSED_RECORDED) records.push({ ...record, outcome: 'missed', action_id: null, error: null });
        // Far behind: skip straight to what is still within the grace period.
        occ = nextOccurrence(schedule, t.openedAt, ctx.timeZone, missedHere >= MAX_MISSED_RECORDED ? new Date(now.getTime() - GRACE_MS) : occ.at);
        continue;
      }
      try {
        // A savepoint, so one refused send (template archived, group no longer active) does not undo the batch.
        const sent = await ctx.db.transaction((tx) => sendTemplate({ ...ctx, db: tx as unknown as TenantCtx['db'] }, {
          templateId: t.templateId, communityId: t.communityId, idempotencyKey: occurrenceKey(t.stepId, t.communityId, occ!.localSlot), automated: t.class,
        }));
        result.queued++;
        records.push({ ...record, outcome: 'queued', action_id: sent.action.id, error: null });
      } catch (err) {
        result.refused++;
        records.push({ ...record, outcome: 'refused', action_id: null, error: (err as Error).message.slice(0, 500) });
      }
      occ = nextOccurrence(schedule, t.openedAt, ctx.timeZone, occ.at);
    }
    moves.push({ step_id: t.stepId, community_id: t.communityId, next_run_at: occ?.at.toISOString() ?? null });
  }
  if (records.length) {
    await ctx.db.execute(sql`
      insert into sop_occurrences (workspace_id, step_id, community_id, plan_id, local_slot, at, outcome, action_id, error)
      select ${ctx.workspaceId}, x.step_id, x.community_id, x.plan_id, x.local_slot, x.at, x.outcome, x.action_id, x.error
      from jsonb_to_recordset(${JSON.stringify(records)}::jsonb)
        as x(step_id uuid, community_id uuid, plan_id uuid, local_slot text, at timestamptz, outcome text, action_id uuid, error text)
      on conflict (workspace_id, step_id, community_id, local_slot) do nothing`);
  }
  if (moves.length) {
    await ctx.db.execute(sql`
      update sop_targets t set next_run_at = x.next_run_at
      from jsonb_to_recordset(${JSON.stringify(moves)}::jsonb) as x(step_id uuid, community_id uuid, next_run_at timestamptz)
      where t.workspace_id = ${ctx.workspaceId} and t.step_id = x.step_id and t.community_id = x.community_id`);
  }
  return result;
}
