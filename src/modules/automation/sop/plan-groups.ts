import { rows, sql, type SQL } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { APPLIES, type StepRow } from './get-plan.js';
import { dayOf, localDayOf, occurrencesBetween, type Occurrence } from './schedule.js';
import { scheduleOf } from './sync-targets.js';

export interface PlannedCommunity { id: string; name: string; openedAt: Date; planIds: string[] }
/** Communities whose plans and opening make their timelines identical over the range: computed once. */
export interface CommunityGroup { planIds: string[]; openedAt: Date; communities: { id: string; name: string }[] }
export interface Planned { step: StepRow; occ: Occurrence; date: string }

/** Active communities with the enabled plans that apply to each (optionally one community, one plan). */
export function plannedCommunities(ctx: TenantCtx, filter: { communityId?: string; planId?: string; excludePlanId?: string }): Promise<PlannedCommunity[]> {
  const f: SQL[] = [];
  if (filter.communityId) f.push(sql`and c.id = ${filter.communityId}`);
  if (filter.planId) f.push(sql`and p.id = ${filter.planId}`);
  if (filter.excludePlanId) f.push(sql`and p.id <> ${filter.excludePlanId}`);
  return rows<PlannedCommunity>(ctx.db, sql`
    select c.id, c.name, c.created_at as "openedAt", array_agg(p.id::text order by p.id) as "planIds"
    from sop_plans p join communities c on ${APPLIES}
    where p.workspace_id = ${ctx.workspaceId} and p.enabled ${sql.join(f, sql` `)}
    group by c.id, c.name, c.created_at`);
}

/**
 * Groups communities with the same plans. The opening only matters to day-N steps: by its local day, or to
 * the instant when it falls inside the range (a day-0 step earlier than the opening happens at the opening).
 */
export function groupCommunities(list: PlannedCommunity[], stepsByPlan: Map<string, StepRow[]>, timeZone: string, fromDay: number, toDay: number): CommunityGroup[] {
  const groups = new Map<string, CommunityGroup>();
  for (const c of list) {
    const afterOpen = c.planIds.some((p) => (stepsByPlan.get(p) ?? []).some((s) => s.recurrence.kind === 'after_open'));
    const openedDay = localDayOf(c.openedAt, timeZone);
    const opening = !afterOpen ? '' : openedDay >= fromDay && openedDay <= toDay ? c.openedAt.toISOString() : String(openedDay);
    const key = `${c.planIds.join(',')}|${opening}`;
    const g = groups.get(key) ?? { planIds: c.planIds, openedAt: c.openedAt, communities: [] };
    g.communities.push({ id: c.id, name: c.name });
    groups.set(key, g);
  }
  return [...groups.values()];
}

/** Every occurrence of the group's plans within [from, to), with its local day. */
export function plannedFor(g: Pick<CommunityGroup, 'planIds' | 'openedAt'>, stepsByPlan: Map<string, StepRow[]>, timeZone: string, from: Date, to: Date): Planned[] {
  const out: Planned[] = [];
  for (const planId of g.planIds) {
    for (const step of stepsByPlan.get(planId) ?? []) {
      for (const occ of occurrencesBetween(scheduleOf(step), g.openedAt, timeZone, from, to)) out.push({ step, occ, date: occ.localSlot.slice(0, 10) });
    }
  }
  return out;
}

/** Automated marketing group sends planned per local day (what the per-group daily cap counts). */
export function marketingPerDay(planned: Planned[]): Map<string, number> {
  const perDay = new Map<string, number>();
  for (const p of planned) if (p.step.class === 'marketing') perDay.set(p.date, (perDay.get(p.date) ?? 0) + 1);
  return perDay;
}

export const dayRange = (from: string, to: string) => ({ fromDay: dayOf(from), toDay: dayOf(to) });
