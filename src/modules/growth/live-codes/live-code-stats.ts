import { one, rows, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';
import type { LiveCodeStats } from './contracts.js';
import { loadPools } from './pool-load.js';

const rate = (joins: number, scans: number) => (scans ? joins / scans : null);

/**
 * Scans and joins of the last `days` days, per source and per group, with the pool's current fill.
 * A join here is a scan of the window whose visitor then joined (the scan a `member.joined` claimed,
 * attribute-live-code-joins.ts), so conversion is joins / scans of the same scans and never passes 100%.
 * Joins that claimed no scan are counted apart (`unattributedJoins`, by the time of the join).
 */
export async function liveCodeStats(ctx: TenantCtx, id: string, days: number): Promise<LiveCodeStats> {
  const code = await one<{ id: string; from: Date }>(ctx.db, sql`
    select id, now() - make_interval(days => ${days}) as "from" from live_codes where workspace_id = ${ctx.workspaceId} and id = ${id}`);
  if (!code) throw notFound('live code');
  const inWindow = sql`s.workspace_id = ${ctx.workspaceId} and s.live_code_id = ${id} and s.scanned_at > ${code.from.toISOString()}::timestamptz`;
  const sources = await rows<{ source: string | null; scans: number; visitors: number; joins: number }>(ctx.db, sql`
    select s.source, count(*)::int as scans, count(distinct s.visitor)::int as visitors, count(s.joined_at)::int as joins
    from live_code_scans s where ${inWindow}
    group by s.source order by count(*) desc, s.source nulls last`);
  const totals = (await one<{ scans: number; visitors: number; joins: number; poolFull: number; unattributedJoins: number }>(ctx.db, sql`
    select count(*)::int as scans, count(distinct s.visitor)::int as visitors, count(s.joined_at)::int as joins,
           count(*) filter (where s.community_id is null)::int as "poolFull",
           (select count(*)::int from live_code_joins j where j.workspace_id = ${ctx.workspaceId} and j.live_code_id = ${id}
              and j.scan_id is null and j.joined_at > ${code.from.toISOString()}::timestamptz) as "unattributedJoins"
    from live_code_scans s where ${inWindow}`))!;
  const routed = new Map((await rows<{ communityId: string; name: string; status: string; members: number; scans: number; joins: number }>(ctx.db, sql`
    select s.community_id as "communityId", c.name, c.status, count(*)::int as scans, count(s.joined_at)::int as joins,
           (select count(*)::int from memberships m where m.workspace_id = c.workspace_id and m.community_id = c.id and m.left_at is null) as members
    from live_code_scans s join communities c on c.workspace_id = s.workspace_id and c.id = s.community_id
    where ${inWindow} group by s.community_id, c.workspace_id, c.id, c.name, c.status`)).map((r) => [r.communityId, r]));
  const pool = (await loadPools(ctx, [id])).get(id)!;
  const communities: LiveCodeStats['communities'] = pool.map((p) => ({
    id: p.id, name: p.name, position: p.position, status: p.status, createdByLiveCode: p.createdByLiveCode, members: p.members,
    reserved: p.reserved, capacity: p.capacity, full: p.full, inPool: true, scans: routed.get(p.id)?.scans ?? 0, joins: routed.get(p.id)?.joins ?? 0,
  }));
  // Groups that had scans in the window but have left the pool since: their scans still count somewhere.
  for (const r of routed.values()) {
    if (pool.some((p) => p.id === r.communityId)) continue;
    communities.push({ id: r.communityId, name: r.name, position: -1, status: r.status, createdByLiveCode: false, members: r.members, reserved: 0,
      capacity: 0, full: true, inPool: false, scans: r.scans, joins: r.joins });
  }
  return {
    days, from: code.from,
    totals: { ...totals, conversion: rate(totals.joins, totals.scans) },
    sources: sources.map((s) => ({ ...s, conversion: rate(s.joins, s.scans) })),
    communities,
  };
}
