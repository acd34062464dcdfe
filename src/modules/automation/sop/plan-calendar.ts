import { rows, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { invalid, notFound } from '../../../core/errors.js';
import { getGuardrailSettings } from '../guardrails/get-guardrail-settings.js';
import type { CalendarQuery, CalendarView, OCCURRENCE_STATUSES } from './contracts.js';
import { stepsOf, type StepRow } from './get-plan.js';
import { dayRange, groupCommunities, marketingPerDay, plannedCommunities, plannedFor } from './plan-groups.js';
import { instantOf, isoOfDay } from './schedule.js';
import { GRACE_MS } from './sync-targets.js';

type Status = (typeof OCCURRENCE_STATUSES)[number];
type Occ = CalendarView['days'][number]['occurrences'][number];
export const MAX_CALENDAR_DAYS = 62;

/**
 * The plans' occurrences from `from` to `to` (local days, inclusive) for one community, or for every
 * community grouped by day and step. What already happened is read from the tick's records and the
 * outbox (pending, held by the guardrails, sent, failed, cancelled; missed beyond the grace period;
 * refused by the template send); what is still to come is computed from the plans. A day on which some
 * community has more marketing sends planned than the workspace's per-group daily cap is marked.
 */
export async function planCalendar(ctx: TenantCtx, q: CalendarQuery, now = new Date()): Promise<CalendarView> {
  const { fromDay, toDay } = dayRange(q.from, q.to);
  if (toDay < fromDay) throw invalid('to', 'is before from');
  if (toDay - fromDay + 1 > MAX_CALENDAR_DAYS) throw invalid('to', `at most ${MAX_CALENDAR_DAYS} days after from`);
  if (q.communityId) {
    const c = await rows(ctx.db, sql`select 1 from communities where workspace_id = ${ctx.workspaceId} and id = ${q.communityId}`);
    if (!c.length) throw notFound('community');
  }
  const from = instantOf(fromDay, '00:00', ctx.timeZone);
  const to = instantOf(toDay + 1, '00:00', ctx.timeZone);
  const cap = (await getGuardrailSettings(ctx)).settings.groupMarketingPerDay;
  const allSteps = await stepsOf(ctx);
  const stepById = new Map(allSteps.map((s) => [s.id, s]));
  const stepsByPlan = new Map<string, StepRow[]>();
  for (const s of allSteps) stepsByPlan.set(s.planId, [...(stepsByPlan.get(s.planId) ?? []), s]);
  const planNames = new Map((await rows<{ id: string; name: string }>(ctx.db, sql`select id, name from sop_plans where workspace_id = ${ctx.workspaceId}`)).map((p) => [p.id, p.name]));

  const days = new Map<string, { overCap: number; occ: Map<string, Occ> }>();
  for (let d = fromDay; d <= toDay; d++) days.set(isoOfDay(d), { overCap: 0, occ: new Map() });
  const slot = (step: StepRow, localSlot: string, at: Date): Occ | undefined => {
    const day = days.get(localSlot.slice(0, 10));
    if (!day) return undefined;
    const key = `${step.id}|${localSlot}`;
    let o = day.occ.get(key);
    if (!o) {
      o = { at, localTime: localSlot.slice(11), planId: step.planId, planName: planNames.get(step.planId) ?? '', stepId: step.id, stepLabel: step.label,
        templateName: step.templateName, class: step.class, communities: 0, statuses: {}, status: null, error: null };
      day.occ.set(key, o);
    }
    return o;
  };

  // What the tick recorded: one row per (step, community, slot) it reached.
  const recorded = await rows<{ stepId: string; localSlot: string; at: Date; status: Status; n: number; error: string | null }>(ctx.db, sql`
    select o.step_id as "stepId", o.local_slot as "localSlot", min(o.at) as at, max(o.error) as error, count(*)::int as n,
      case when o.outcome <> 'queued' then o.outcome when a.id is null then 'cancelled'
           when a.status in ('pending', 'sending') and a.last_error is null and a.next_attempt_at > a.created_at + interval '1 minute' then 'held'
           when a.status in ('pending', 'sending', 'awaiting_staff') then 'pending' else a.status end as status
    from sop_occurrences o left join actions a on a.workspace_id = o.workspace_id and a.id = o.action_id
    where o.workspace_id = ${ctx.workspaceId} and o.at >= ${from.toISOString()}::timestamptz and o.at < ${to.toISOString()}::timestamptz
      ${q.communityId ? sql`and o.community_id = ${q.communityId}` : sql``} ${q.planId ? sql`and o.plan_id = ${q.planId}` : sql``}
    group by 1, 2, 6`);
  const recordedCount = new Map<string, number>();
  for (const r of recorded) {
    const step = stepById.get(r.stepId);
    const o = step && slot(step, r.localSlot, r.at);
    if (!o) continue;
    o.statuses[r.status] = (o.statuses[r.status] ?? 0) + r.n;
    o.communities += r.n;
    o.error ??= r.error;
    recordedCount.set(`${r.stepId}|${r.localSlot}`, (recordedCount.get(`${r.stepId}|${r.localSlot}`) ?? 0) + r.n);
  }

  // What the plans say is still to come (or due within the grace period and not yet reached by the tick).
  const list = await plannedCommunities(ctx, { communityId: q.communityId, planId: q.planId });
  const notBefore = now.getTime() - GRACE_MS;
  for (const g of groupCommunities(list, stepsByPlan, ctx.timeZone, fromDay, toDay)) {
    const planned = plannedFor(g, stepsByPlan, ctx.timeZone, from, to);
    for (const p of planned) {
      if (p.occ.at.getTime() < notBefore) continue;
      // Communities the tick already reached for this occurrence are counted above, by what became of them.
      const key = `${p.step.id}|${p.occ.localSlot}`;
      const reached = Math.min(recordedCount.get(key) ?? 0, g.communities.length);
      recordedCount.set(key, (recordedCount.get(key) ?? 0) - reached);
      const open = g.communities.length - reached;
      if (!open) continue;
      const o = slot(p.step, p.occ.localSlot, p.occ.at)!;
      o.statuses.planned = (o.statuses.planned ?? 0) + open;
      o.communities += open;
    }
    if (cap === null) continue;
    for (const [date, n] of marketingPerDay(planned)) if (n > cap) days.get(date)!.overCap += g.communities.length;
  }

  return {
    from: q.from, to: q.to, timeZone: ctx.timeZone, cap, communityId: q.communityId ?? null,
    days: [...days.entries()].map(([date, d]) => ({
      date, overCap: d.overCap > 0, communitiesOverCap: d.overCap,
      occurrences: [...d.occ.values()].sort((a, b) => a.at.getTime() - b.at.getTime() || a.stepLabel.localeCompare(b.stepLabel)).map((o) => {
        const keys = Object.keys(o.statuses) as Status[];
        return { ...o, status: q.communityId && keys.length === 1 ? keys[0]! : null };
      }),
    })),
  };
}
