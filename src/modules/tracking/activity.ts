import { rows, sql } from '../../db/client.js';
import type { TenantCtx } from '../../core/context.js';
import { paginate, type PageQuery } from '../../core/pagination.js';

export interface DayPoint { day: string; messages: number; replies: number; mentions: number; activeMembers: number; joins: number; leaves: number }

const seriesSql = (ctx: TenantCtx, days: number, communityId?: string) => sql`
  with span as (
    select generate_series((now() at time zone ${ctx.timeZone})::date - ${days - 1}::int, (now() at time zone ${ctx.timeZone})::date, interval '1 day')::date as day
  )
  select to_char(span.day, 'YYYY-MM-DD') as day,
    coalesce(sum(d.messages), 0)::int as messages, coalesce(sum(d.replies), 0)::int as replies, coalesce(sum(d.mentions), 0)::int as mentions,
    coalesce(sum(d.active_members), 0)::int as "activeMembers", coalesce(sum(d.joins), 0)::int as joins, coalesce(sum(d.leaves), 0)::int as leaves
  from span left join community_days d on d.workspace_id = ${ctx.workspaceId} and d.day = span.day
    ${communityId ? sql`and d.community_id = ${communityId}` : sql``}
  group by span.day order by span.day`;

/** Per-day totals for one community over the last `days` days (workspace-local days, gaps filled with 0). */
export function communityActivity(ctx: TenantCtx, communityId: string, days: number): Promise<DayPoint[]> {
  return rows<DayPoint>(ctx.db, seriesSql(ctx, days, communityId));
}

/**
 * Workspace totals and per-day series over the last `days` days (today included, so the last point is a
 * partial day). communities and members are current counts; messages, joins and leaves are for the window.
 * activeMembers per day sums each community's active members, so a person active in two groups counts
 * twice there; activeMembers7d counts distinct people.
 */
export async function workspaceOverview(ctx: TenantCtx, days: number) {
  const series = await rows<DayPoint>(ctx.db, seriesSql(ctx, days));
  const since = sql`(now() at time zone ${ctx.timeZone})::date - ${days}::int`;
  const [totals] = await rows<Record<string, number>>(ctx.db, sql`
    select
      (select count(*)::int from communities where workspace_id = ${ctx.workspaceId} and status = 'active') as communities,
      (select count(*)::int from members where workspace_id = ${ctx.workspaceId}) as members,
      (select coalesce(sum(messages), 0)::int from community_days where workspace_id = ${ctx.workspaceId} and day > ${since}) as messages,
      (select coalesce(sum(joins), 0)::int from community_days where workspace_id = ${ctx.workspaceId} and day > ${since}) as joins,
      (select coalesce(sum(leaves), 0)::int from community_days where workspace_id = ${ctx.workspaceId} and day > ${since}) as leaves,
      (select count(distinct member_id)::int from member_days where workspace_id = ${ctx.workspaceId}
         and day > (now() at time zone ${ctx.timeZone})::date - 7 and (messages > 0 or reactions > 0 or checkins > 0)) as "activeMembers7d"`);
  return { totals: totals!, series };
}

export function listMemberEvents(ctx: TenantCtx, memberId: string, q: PageQuery) {
  return paginate(ctx.db, q, sql`
    select e.id, e.type, e.occurred_at as "occurredAt", e.community_id as "communityId", c.name as "communityName", e.data
    from events e left join communities c on c.workspace_id = e.workspace_id and c.id = e.community_id
    where e.workspace_id = ${ctx.workspaceId} and e.member_id = ${memberId}`, sql`"occurredAt" desc, id`);
}

export interface TimelineEvent { id: string; type: string; occurredAt: Date; memberId: string; memberName: string; data: Record<string, any> }

/** Chat-visible events of a community, newest first, strictly before `before`. */
export function communityEvents(ctx: TenantCtx, communityId: string, before: Date | undefined, limit: number): Promise<TimelineEvent[]> {
  return rows<TimelineEvent>(ctx.db, sql`
    select e.id, e.type, e.occurred_at as "occurredAt", e.member_id as "memberId", m.display_name as "memberName", e.data
    from events e join members m on m.workspace_id = e.workspace_id and m.id = e.member_id
    where e.workspace_id = ${ctx.workspaceId} and e.community_id = ${communityId}
      and e.type in ('message.sent', 'member.joined', 'member.left', 'member.checked_in')
      ${before ? sql`and e.occurred_at < ${before}` : sql``}
    order by e.occurred_at desc, e.id desc limit ${limit}`);
}
