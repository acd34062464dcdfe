import { rows, sql, type SQL } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { paginate } from '../../../core/pagination.js';
import type { SalesDimension, SalesQuery, SalesReport } from './contracts.js';

/**
 * What each dimension groups paid orders by, and the label shown for it. Labels are read from the tables
 * that own the names (communities, members, message templates) only to display them.
 */
const DIMENSIONS: Record<SalesDimension, { key: SQL; variant: SQL; label: SQL }> = {
  community: {
    key: sql`o.community_id::text`, variant: sql`null::text`,
    label: sql`(select c.name from communities c where c.workspace_id = o.workspace_id and c.id = o.community_id)`,
  },
  campaign: { key: sql`o.campaign`, variant: sql`null::text`, label: sql`o.campaign` },
  distributor: {
    key: sql`o.distributor_id::text`, variant: sql`null::text`,
    label: sql`(select m.display_name from distributors d join members m on m.workspace_id = d.workspace_id and m.id = d.member_id
      where d.workspace_id = o.workspace_id and d.id = o.distributor_id)`,
  },
  variant: {
    key: sql`o.template_id::text`, variant: sql`case when o.template_id is null then null else o.variant end`,
    label: sql`(select t.name from message_templates t where t.workspace_id = o.workspace_id and t.id = o.template_id)`,
  },
};

interface Figures { orders: number; buyers: number; paidCents: number; refundedCents: number; netCents: number }
const figures = sql`count(*)::int as orders, count(distinct o.member_id)::int as buyers,
  coalesce(sum(o.paid_cents), 0)::float8 as "paidCents", coalesce(sum(o.refunded_cents), 0)::float8 as "refundedCents",
  coalesce(sum(o.paid_cents - o.refunded_cents), 0)::float8 as "netCents"`;

/**
 * Sales of the orders paid in a period of local days, grouped by where they came from: community, campaign,
 * distributor or message template variant. Refunds are those made so far on those orders, so a period's net
 * falls when one of its orders is refunded later. Orders without that attribution form one row (key null).
 */
export async function salesReport(ctx: TenantCtx, q: SalesQuery): Promise<SalesReport> {
  const tz = ctx.timeZone;
  const d = DIMENSIONS[q.by];
  const paid = sql`
    from orders o
    where o.workspace_id = ${ctx.workspaceId} and o.currency = ${q.currency} and o.paid_at is not null
      and o.paid_at >= (${q.from}::date)::timestamp at time zone ${tz}
      and o.paid_at < (${q.to}::date + 1)::timestamp at time zone ${tz}`;
  const [totals] = await rows<Figures>(ctx.db, sql`select ${figures} ${paid}`);
  const daily = await rows<{ day: string; orders: number; netCents: number }>(ctx.db, sql`
    select to_char(g.day, 'YYYY-MM-DD') as day, coalesce(x.orders, 0)::int as orders, coalesce(x."netCents", 0)::float8 as "netCents"
    from generate_series(${q.from}::date, ${q.to}::date, interval '1 day') g(day)
    left join (
      select (o.paid_at at time zone ${tz})::date as day, count(*) as orders, sum(o.paid_cents - o.refunded_cents) as "netCents" ${paid} group by 1
    ) x on x.day = g.day::date
    order by g.day`);
  const net = totals!.netCents;
  const page = await paginate<Figures & { key: string | null; label: string | null; variant: string | null; shareOfNet: number }>(ctx.db, q, sql`
    select g.*, case when ${net}::float8 > 0 then g."netCents" / ${net}::float8 else 0 end as "shareOfNet"
    from (select ${d.key} as key, ${d.variant} as variant, min(${d.label}) as label, ${figures} ${paid} group by 1, 2) g`,
  sql`"netCents" desc, key is null, key, variant`);
  return { by: q.by, from: q.from, to: q.to, currency: q.currency, totals: totals!, daily, ...page };
}
