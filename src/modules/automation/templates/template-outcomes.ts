import { rows, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { isUserMessage } from '../../analytics/scope.js';
import type { OutcomeMetric, Outcomes } from './contracts.js';
import { templateRow } from './get-template.js';
import { probabilityToBeBest, type Arm } from './probability-best.js';

export const DEFAULT_WINDOW_HOURS = 24;

interface Counts {
  sends: number; replies: number; linkSends: number; clickedSends: number; clicks: number;
  privateSends: number; joins: number; orderedSends: number; orders: number; revenueCents: number;
}

/** What each metric's probability to be best compares: the sends that could convert, and those that did. */
const ARMS: Record<OutcomeMetric, (c: Counts) => Arm> = {
  replies: (c) => ({ trials: c.sends, successes: c.replies }),
  clicks: (c) => ({ trials: c.linkSends, successes: c.clickedSends }),
  joins: (c) => ({ trials: c.privateSends, successes: c.joins }),
  orders: (c) => ({ trials: c.sends, successes: c.orderedSends }),
};
const rate = (a: Arm) => (a.trials > 0 ? a.successes / a.trials : null);

/**
 * Per variant, what its sends led to within `windowHours` of each send's sent_at (definitions in
 * docs/automation.md, "Outcomes and the winner"): replies, clicks on its tracked links, joins (private
 * sends: the member joined a group) and orders, each order credited to the latest send of this template that
 * reached the buyer before it (last touch), net of its refunds. The platform's own echoes (data.actionId)
 * are never replies or joins.
 */
export async function templateOutcomes(ctx: TenantCtx, templateId: string, opts: { windowHours?: number; metric?: OutcomeMetric } = {}): Promise<Outcomes> {
  await templateRow(ctx, templateId);
  const windowHours = opts.windowHours ?? DEFAULT_WINDOW_HOURS;
  const metric = opts.metric ?? 'replies';
  const ws = ctx.workspaceId;
  const window = sql`make_interval(hours => ${windowHours})`;
  const counted = await rows<Counts & { key: string }>(ctx.db, sql`
    with sends as materialized (
      select a.id, a.kind, a.community_id, a.member_id, a.sent_at, a.payload->>'variantKey' as key
      from actions a
      where a.workspace_id = ${ws} and a.payload ? 'templateId' and a.payload->>'templateId' = ${templateId} and a.status = 'sent'
    ),
    per_send as (
      select s.id, s.key, s.kind,
        exists (
          select 1 from events e
          where e.workspace_id = ${ws}
            and (case when s.kind = 'send_private' then e.member_id = s.member_id else e.community_id = s.community_id end)
            and e.occurred_at > s.sent_at and e.occurred_at <= s.sent_at + ${window}
            and ${isUserMessage('e')}) as replied,
        k.links > 0 as has_links, k.clicks,
        s.kind = 'send_private' and exists (
          select 1 from events e
          where e.workspace_id = ${ws} and e.member_id = s.member_id and e.type = 'member.joined'
            and e.occurred_at > s.sent_at and e.occurred_at <= s.sent_at + ${window}
            and coalesce(e.data->>'actionId', '') = '') as joined
      from sends s
      -- The send's links and who opened them in the window, in one pass over its tracked links.
      cross join lateral (
        select count(distinct l.token)::int as links,
          (count(distinct c.visitor) filter (where c.clicked_at > s.sent_at and c.clicked_at <= s.sent_at + ${window}))::int as clicks
        from tracked_links l left join link_clicks c on c.workspace_id = l.workspace_id and c.token = l.token
        where l.workspace_id = ${ws} and l.action_id = s.id
      ) k
    ),
    paid as (
      select e.id, e.member_id, e.community_id, e.occurred_at, e.data->>'orderId' as order_ref, (e.data->>'amountCents')::bigint as amount
      from events e
      where e.workspace_id = ${ws} and e.type = 'order.paid'
        and e.occurred_at > (select min(sent_at) from sends) and e.occurred_at <= (select max(sent_at) from sends) + ${window}
    ),
    refunded as (
      select e.data->>'orderId' as order_ref, sum((e.data->>'amountCents')::bigint) as amount
      from events e
      where e.workspace_id = ${ws} and e.type = 'order.refunded' and e.data->>'orderId' in (select order_ref from paid)
      group by 1
    ),
    -- Last touch: each order goes to the latest send that reached the buyer in the window before it. A group
    -- send reaches whoever was in the group when it went out (or whose order names that group).
    credited as (
      select distinct on (o.id) o.id, s.id as send_id, greatest(o.amount - coalesce(r.amount, 0), 0) as net
      from paid o
      join sends s on s.sent_at < o.occurred_at and s.sent_at >= o.occurred_at - ${window}
        and (s.member_id = o.member_id or (s.kind = 'send_group' and (o.community_id = s.community_id or exists (
          select 1 from memberships m
          where m.workspace_id = ${ws} and m.community_id = s.community_id and m.member_id = o.member_id and m.joined_at <= s.sent_at
            and (m.left_at is null or m.left_at < m.joined_at or m.left_at > s.sent_at)))))
      left join refunded r on r.order_ref = o.order_ref
      order by o.id, s.sent_at desc, s.id
    ),
    per_order as (select send_id, count(*)::int as orders, sum(net)::bigint as revenue from credited group by 1)
    select p.key,
      count(*)::int as sends,
      count(*) filter (where p.replied)::int as replies,
      count(*) filter (where p.has_links)::int as "linkSends",
      count(*) filter (where p.clicks > 0)::int as "clickedSends",
      coalesce(sum(p.clicks), 0)::int as clicks,
      count(*) filter (where p.kind = 'send_private')::int as "privateSends",
      count(*) filter (where p.joined)::int as joins,
      count(o.send_id)::int as "orderedSends",
      coalesce(sum(o.orders), 0)::int as orders,
      coalesce(sum(o.revenue), 0)::bigint as "revenueCents"
    from per_send p left join per_order o on o.send_id = p.id
    group by 1`);
  const variants = await rows<{ key: string; weight: number; retired: boolean }>(ctx.db, sql`
    select key, weight, retired_at is not null as retired from template_variants
    where workspace_id = ${ws} and template_id = ${templateId} order by retired_at is not null, position`);
  // bigint arrives as text from one driver and a number from the other.
  const byKey = new Map(counted.map(({ key, ...c }) => [key, { ...c, revenueCents: Number(c.revenueCents) }]));
  const none: Counts = { sends: 0, replies: 0, linkSends: 0, clickedSends: 0, clicks: 0, privateSends: 0, joins: 0, orderedSends: 0, orders: 0, revenueCents: 0 };
  // A retired variant without sends has nothing to say; one with sends stays, its numbers are history.
  const shown = variants.filter((v) => !v.retired || byKey.has(v.key)).map((v) => ({ ...v, counts: byKey.get(v.key) ?? none }));
  const totalSends = shown.reduce((s, v) => s + v.counts.sends, 0);
  const arms = shown.map((v) => ARMS[metric](v.counts));
  const best = arms.some((a) => a.trials > 0) ? probabilityToBeBest(arms) : null;
  return {
    templateId, windowHours, metric, totalSends,
    variants: shown.map(({ key, weight, retired, counts: c }, i) => ({
      key, weight, retired, ...c,
      replyRate: rate(ARMS.replies(c)), clickRate: rate(ARMS.clicks(c)), joinRate: rate(ARMS.joins(c)), orderRate: rate(ARMS.orders(c)),
      probabilityBest: best ? best[i]! : null,
    })),
  };
}
