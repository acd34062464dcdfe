import { rows, sql, uuids } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { getGuardrailSettings } from '../guardrails/get-guardrail-settings.js';
import type { CapWarning, PlanInput } from './contracts.js';
import { stepsOf, type StepRow } from './get-plan.js';
import { groupCommunities, marketingPerDay, plannedCommunities, plannedFor, type PlannedCommunity } from './plan-groups.js';
import { instantOf, isoOfDay, localDayOf } from './schedule.js';

export const CHECK_DAYS = 31;
const DRAFT = 'draft';

/**
 * The editor's warning before saving: the local days of the next month on which a community the draft
 * reaches would have more automated marketing group sends planned (this draft plus every other enabled
 * plan on it) than the workspace's per-group daily cap. Saving is not refused: the guardrails would hold
 * the excess to the next day, which may be what the operator wants, but they should know.
 */
export async function checkPlan(ctx: TenantCtx, draft: PlanInput, planId?: string, now = new Date()): Promise<{ cap: number | null; days: number; warnings: CapWarning[] }> {
  const cap = (await getGuardrailSettings(ctx)).settings.groupMarketingPerDay;
  if (cap === null || !draft.enabled) return { cap, days: CHECK_DAYS, warnings: [] };
  const reached = await rows<{ id: string; name: string; openedAt: Date }>(ctx.db, sql`
    select id, name, created_at as "openedAt" from communities
    where workspace_id = ${ctx.workspaceId} and status = 'active'
      and (type = any(${`{${draft.communityTypes.join(',')}}`}::text[]) or id = any(${uuids(draft.communityIds)}))`);
  if (!reached.length) return { cap, days: CHECK_DAYS, warnings: [] };
  const others = new Map((await plannedCommunities(ctx, { excludePlanId: planId })).map((c) => [c.id, c.planIds]));
  const stepsByPlan = new Map<string, StepRow[]>();
  for (const s of await stepsOf(ctx, [...new Set([...others.values()].flat())])) stepsByPlan.set(s.planId, [...(stepsByPlan.get(s.planId) ?? []), s]);
  stepsByPlan.set(DRAFT, draft.steps.map((s, i) => ({ ...s, id: s.id ?? `draft-${i}`, planId: DRAFT, position: i, templateName: '' })));

  const fromDay = localDayOf(now, ctx.timeZone);
  const toDay = fromDay + CHECK_DAYS - 1;
  const from = instantOf(fromDay, '00:00', ctx.timeZone);
  const to = instantOf(toDay + 1, '00:00', ctx.timeZone);
  const list: PlannedCommunity[] = reached.map((c) => ({ ...c, planIds: [...(others.get(c.id) ?? []), DRAFT] }));
  const byDate = new Map<string, CapWarning>();
  for (const g of groupCommunities(list, stepsByPlan, ctx.timeZone, fromDay, toDay)) {
    for (const [date, sends] of marketingPerDay(plannedFor(g, stepsByPlan, ctx.timeZone, from, to))) {
      if (sends <= cap) continue;
      const w = byDate.get(date) ?? { date, communities: 0, maxSends: 0, cap, examples: [] };
      w.communities += g.communities.length;
      w.maxSends = Math.max(w.maxSends, sends);
      for (const c of g.communities.slice(0, 3 - w.examples.length)) w.examples.push({ communityId: c.id, name: c.name, sends });
      byDate.set(date, w);
    }
  }
  const warnings = [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date));
  return { cap, days: CHECK_DAYS, warnings: warnings.filter((w) => w.date >= isoOfDay(fromDay)) };
}
