import { rows, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { sendTemplates, type SendItem } from '../templates/send-templates.js';
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
 * ticks share the work), queues the owed occurrences through sendTemplates (one call per template) with
 * each occurrence's key, records what became of each, and moves next_run_at on. A refusal is recorded per
 * occurrence; anything else (a database error) rolls the whole batch back, and so does a crash; a rerun
 * reaches the same keys, so nothing is queued twice.
 */
export async function materialiseDue(ctx: TenantCtx, now: Date, limit: number): Promise<BatchResult> {
  // Claimed from the due index alone, then joined: with the joins under FOR UPDATE, PostgreSQL would join
  // and sort every due target to lock the first few, each batch again (half the tick's time at 3,000 groups).
  const due = await rows<DueTarget>(ctx.db, sql`
    with claimed as (
      select step_id, community_id, plan_id, next_run_at from sop_targets
      where workspace_id = ${ctx.workspaceId} and next_run_at <= ${now.toISOString()}::timestamptz
      order by next_run_at limit ${limit}
      for update skip locked
    )
    select t.step_id as "stepId", t.community_id as "communityId", t.plan_id as "planId", t.next_run_at as "nextRunAt",
      s.time_of_day as time, s.recurrence, to_char(s.ends_on, 'YYYY-MM-DD') as "endsOn", s.template_id as "templateId", s.class,
      c.created_at as "openedAt"
    from claimed t
    join sop_steps s on s.workspace_id = ${ctx.workspaceId} and s.id = t.step_id
    join communities c on c.workspace_id = ${ctx.workspaceId} and c.id = t.community_id
    order by t.next_run_at, s.position`);
  const result: BatchResult = { targets: due.length, queued: 0, missed: 0, refused: 0 };
  const records: { step_id: string; community_id: string; plan_id: string; local_slot: string; at: string; outcome: string; action_id: string | null; error: string | null }[] = [];
  const moves: { step_id: string; community_id: string; next_run_at: string | null }[] = [];
  // Owed occurrences by template, so each template is read once and its sends queued in one INSERT.
  const owed = new Map<string, { record: (typeof records)[number]; item: SendItem }[]>();
  for (const t of due) {
    const schedule = scheduleOf(t);
    let occ: Occurrence | null = nextOccurrence(schedule, t.openedAt, ctx.timeZone, new Date(t.nextRunAt.getTime() - 1));
    let missedHere = 0;
    while (occ && occ.at <= now) {
      const record = { step_id: t.stepId, community_id: t.communityId, plan_id: t.planId, local_slot: occ.localSlot, at: occ.at.toISOString(), outcome: 'missed', action_id: null, error: null };
      if (now.getTime() - occ.at.getTime() > GRACE_MS) {
        result.missed++;
        if (++missedHere <= MAX_MISSED_RECORDED) records.push(record);
        // Far behind: skip straight to what is still within the grace period.
        occ = nextOccurrence(schedule, t.openedAt, ctx.timeZone, missedHere >= MAX_MISSED_RECORDED ? new Date(now.getTime() - GRACE_MS) : occ.at);
        continue;
      }
      const sends = owed.get(t.templateId) ?? [];
      sends.push({ record, item: { communityId: t.communityId, idempotencyKey: occurrenceKey(t.stepId, t.communityId, occ.localSlot), automated: t.class } });
      owed.set(t.templateId, sends);
      occ = nextOccurrence(schedule, t.openedAt, ctx.timeZone, occ.at);
    }
    moves.push({ step_id: t.stepId, community_id: t.communityId, next_run_at: occ?.at.toISOString() ?? null });
  }
  for (const [templateId, sends] of owed) {
    // A refused send (template archived, group no longer active) is recorded and the rest go ahead.
    const outcomes = await sendTemplates(ctx, templateId, sends.map((s) => s.item));
    outcomes.forEach((o, n) => {
      const { record } = sends[n]!;
      if (o.ok) {
        result.queued++;
        records.push({ ...record, outcome: 'queued', action_id: o.result.action.id });
      } else {
        result.refused++;
        records.push({ ...record, outcome: 'refused', error: o.error.message.slice(0, 500) });
      }
    });
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
