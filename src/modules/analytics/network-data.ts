import { rows, sql } from '../../db/client.js';
import type { TenantCtx } from '../../core/context.js';
import { inScope, instant, inWindow, isUserMessage, type Scope } from './scope.js';

export interface NetworkMember { member_id: string; name: string; role: 'owner' | 'admin' | 'member'; is_kol: boolean; messages: number }
export interface DirectedEdge { source: string; target: string; replies: number; mentions: number; weight: number }
export interface NetworkData { members: NetworkMember[]; edges: DirectedEdge[] }

// Binary order, so both drivers and every collation list rows the same way.
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Who spoke and who addressed whom in the window (docs/metrics.md, "Interaction network"). A reply counts
 * when it is in the window, whatever the time of the message it answers (same community, a person's
 * message, by someone else, not later than the reply): the interaction happens when the reply is written,
 * so a weekly window keeps Monday's answers to Sunday's questions. A mention counts once per message and
 * mentioned member; the externalId is looked up on the channels the author has identities on. Replies
 * are read from reply_links, which carries each reply's target author once the target is stored.
 */
export async function loadNetwork(ctx: TenantCtx, s: Scope): Promise<NetworkData> {
  const ws = ctx.workspaceId;
  const edges = await rows<{ source: string; target: string; replies: number; mentions: number }>(ctx.db, sql`
    with m as (
      select e.id, e.community_id, e.member_id, e.occurred_at, e.data from events e
      where ${inWindow(ctx, s, 'e')} and ${isUserMessage('e')}),
    replies as (
      select r.member_id as source, r.target_member_id as target, count(*)::int as n from reply_links r
      where ${inScope(ctx, s, 'r')} and r.replied_at >= ${instant(s.from)} and r.replied_at < ${instant(s.to)}
        and r.target_member_id <> r.member_id and r.target_at <= r.replied_at
      group by r.member_id, r.target_member_id),
    mentioned as (
      select distinct m.id, m.member_id as source, mi.member_id as target
      from m
      cross join lateral jsonb_array_elements_text(case when jsonb_typeof(m.data->'mentions') = 'array' then m.data->'mentions' else '[]'::jsonb end) x(ext)
      -- Through the author's channels first, so each lookup is one probe of the identity key.
      join member_identities a on a.workspace_id = ${ws} and a.member_id = m.member_id
      join member_identities mi on mi.workspace_id = ${ws} and mi.channel = a.channel and mi.external_id = x.ext
      where mi.member_id <> m.member_id),
    mentions as (select source, target, count(*)::int as n from mentioned group by source, target)
    select coalesce(r.source, x.source) as source, coalesce(r.target, x.target) as target,
           coalesce(r.n, 0) as replies, coalesce(x.n, 0) as mentions
    from replies r full join mentions x on x.source = r.source and x.target = r.target`);

  const people = await rows<NetworkMember>(ctx.db, sql`
    with spoke as (
      select e.member_id, count(*)::int as messages from events e
      where ${inWindow(ctx, s, 'e')} and ${isUserMessage('e')} group by e.member_id),
    involved as (
      select member_id from spoke
      union select (jsonb_array_elements_text(${JSON.stringify(edges.flatMap((e) => [e.source, e.target]))}::jsonb))::uuid)
    select i.member_id, mb.display_name as name, coalesce(ms.role, 'member') as role, coalesce(ms.is_kol, false) as is_kol,
           coalesce(sp.messages, 0) as messages
    from involved i
    join members mb on mb.workspace_id = ${ws} and mb.id = i.member_id
    left join spoke sp on sp.member_id = i.member_id
    left join memberships ms on ms.workspace_id = ${ws} and ms.community_id = ${s.communityIds![0]!}::uuid and ms.member_id = i.member_id`);

  return {
    members: people.sort((a, b) => cmp(a.member_id, b.member_id)),
    edges: edges
      .map((e) => ({ ...e, weight: e.replies + e.mentions }))
      .sort((a, b) => cmp(a.source, b.source) || cmp(a.target, b.target)),
  };
}
