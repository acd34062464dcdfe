import { one, rows, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';
import { sourceDays } from '../live-codes/source-activity.js';
import type { CampaignStats } from './contracts.js';

type Day = CampaignStats['series'][number];

/**
 * A campaign's funnel (docs/growth.md, "Fission campaigns"): participants → posters generated → shares →
 * scans under participants' sources → joins through them → qualified invites; totals since the campaign
 * began, and per local day over the last `days`.
 * - K-factor = qualified invites / participants: the new members each participant brought who stayed. Above
 *   1, every participant brings more than one newcomer.
 * - Cost per qualified member = reward cost / qualified invites: the points paid (or, for a catalogue reward
 *   with a money cost set, the cents: units granted × rewardCostCents).
 */
export async function campaignStats(ctx: TenantCtx, id: string, days: number, now = new Date()): Promise<CampaignStats> {
  const c = await one<{ liveCodeId: string; createdAt: Date; rewardKind: string; costCents: number | null; from: Date }>(ctx.db, sql`
    select live_code_id as "liveCodeId", created_at as "createdAt", reward_kind as "rewardKind", reward_cost_cents as "costCents",
      date_trunc('day', ${now.toISOString()}::timestamptz at time zone ${ctx.timeZone}) at time zone ${ctx.timeZone} - make_interval(days => ${days - 1}) as "from"
    from fission_campaigns where workspace_id = ${ctx.workspaceId} and id = ${id}`);
  if (!c) throw notFound('fission campaign');
  const t = (await one<Omit<CampaignStats['totals'], 'scans' | 'kFactor' | 'rewardCost' | 'costUnit' | 'costPerQualified'> & { paid: number; paidPoints: number; sources: string[] }>(ctx.db, sql`
    select count(*)::int as participants,
      count(*) filter (where exists (select 1 from fission_poster_events e where e.workspace_id = p.workspace_id and e.participant_id = p.id and e.kind = 'generated'))::int as "postersGenerated",
      coalesce(sum((select count(*) from fission_poster_events e where e.workspace_id = p.workspace_id and e.participant_id = p.id and e.kind = 'shared')), 0)::int as shares,
      coalesce(sum((select count(*) from fission_invites i where i.workspace_id = p.workspace_id and i.participant_id = p.id)), 0)::int as joins,
      coalesce(sum(p.qualified), 0)::int as qualified,
      coalesce(sum((select count(*) from fission_invites i where i.workspace_id = p.workspace_id and i.participant_id = p.id and i.status = 'pending')), 0)::int as pending,
      coalesce(sum((select count(*) from fission_invites i where i.workspace_id = p.workspace_id and i.participant_id = p.id and i.status = 'void')), 0)::int as void,
      count(p.completed_at)::int as completed,
      count(*) filter (where p.reward_status = 'paid')::int as paid,
      coalesce(sum(p.reward_cost) filter (where p.reward_status = 'paid'), 0)::int as "paidPoints",
      coalesce(array_agg(p.source) filter (where p.source is not null), '{}') as sources
    from fission_participants p where p.workspace_id = ${ctx.workspaceId} and p.campaign_id = ${id}`))!;
  const scanDays = await sourceDays(ctx, c.liveCodeId, t.sources, c.createdAt);
  const inCents = c.rewardKind === 'reward' && c.costCents !== null;
  const rewardCost = inCents ? t.paid * c.costCents! : t.paidPoints;
  const series = await dailySeries(ctx, id, c.from, now);
  const scansByDay = new Map(scanDays.map((d) => [d.day, d.scans]));
  for (const d of series) d.scans = scansByDay.get(d.day) ?? 0;
  const { paid: _paid, paidPoints: _points, sources: _sources, ...totals } = t;
  return {
    days, from: c.from,
    totals: {
      ...totals, scans: scanDays.reduce((n, d) => n + d.scans, 0),
      kFactor: t.participants ? t.qualified / t.participants : null,
      rewardCost, costUnit: inCents ? 'cents' : 'points', costPerQualified: t.qualified ? rewardCost / t.qualified : null,
    },
    series,
  };
}

/** One row per local day from `from` to `now`, zeros included, so a chart's axis has no gaps. */
function dailySeries(ctx: TenantCtx, id: string, from: Date, now: Date): Promise<Day[]> {
  const day = (col: ReturnType<typeof sql>) => sql`to_char(${col} at time zone ${ctx.timeZone}, 'YYYY-MM-DD')`;
  return rows<Day>(ctx.db, sql`
    with days as (
      select to_char(d, 'YYYY-MM-DD') as day
      from generate_series((${from.toISOString()}::timestamptz at time zone ${ctx.timeZone})::date,
                           (${now.toISOString()}::timestamptz at time zone ${ctx.timeZone})::date, interval '1 day') d
    ), p as (select * from fission_participants where workspace_id = ${ctx.workspaceId} and campaign_id = ${id}),
    e as (select e.* from fission_poster_events e join p on p.id = e.participant_id where e.workspace_id = ${ctx.workspaceId}),
    i as (select i.* from fission_invites i join p on p.id = i.participant_id where i.workspace_id = ${ctx.workspaceId})
    select days.day,
      (select count(*)::int from p where ${day(sql`p.joined_at`)} = days.day) as participants,
      (select count(*)::int from e where e.kind = 'generated' and ${day(sql`e.at`)} = days.day) as posters,
      (select count(*)::int from e where e.kind = 'shared' and ${day(sql`e.at`)} = days.day) as shares,
      0 as scans,
      (select count(*)::int from i where ${day(sql`i.joined_at`)} = days.day) as joins,
      (select count(*)::int from i where i.status = 'qualified' and ${day(sql`i.settled_at`)} = days.day) as qualified
    from days order by days.day`);
}
