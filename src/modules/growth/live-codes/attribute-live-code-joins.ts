import { one, rows, sql, texts } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import type { StoredEvent } from '../../event-listeners.js';
import { ATTRIBUTION_HOURS } from './contracts.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Event listener (src/modules/event-listeners.ts), in the intake transaction: a newly stored `member.joined`
 * whose `data.liveCode` names a live code of the workspace (its slug or id) becomes one of its joins, and
 * claims the scan that sent the member, which ends that scan's reservation (docs/growth.md, "Live codes"):
 * - the scan `data.liveCodeScan` names, if it belongs to that live code: exact (the sandbox page sends it;
 *   a platform can carry it in the join's state);
 * - otherwise the oldest unclaimed scan of the live code sent to that group in the ATTRIBUTION_HOURS before
 *   the join (first scanned, first joined: a guess, but it frees the right group's seat);
 * - otherwise none: the join still counts for the live code, without a source.
 * Joins without `data.liveCode` cost a filter in memory and nothing else.
 */
export async function attributeLiveCodeJoins(ctx: TenantCtx, events: readonly StoredEvent[]): Promise<void> {
  const joins = events.filter((e) => e.type === 'member.joined' && e.communityId && typeof e.data.liveCode === 'string' && e.data.liveCode);
  if (!joins.length) return;
  const names = [...new Set(joins.map((e) => String(e.data.liveCode)))];
  const codes = await rows<{ id: string; slug: string }>(ctx.db, sql`
    select id, slug from live_codes where workspace_id = ${ctx.workspaceId}
      and (slug = any(${texts(names)}) or id::text = any(${texts(names.filter((n) => UUID.test(n)).map((n) => n.toLowerCase()))}))`);
  const byName = new Map(codes.flatMap((c) => [[c.slug, c.id], [c.id, c.id]]));
  // In event order, so when two joins compete for the oldest open scan the earlier join gets it.
  for (const e of [...joins].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || (a.id < b.id ? -1 : 1))) {
    const name = String(e.data.liveCode);
    const liveCodeId = byName.get(name) ?? byName.get(name.toLowerCase());
    if (!liveCodeId) continue;
    const scan = await claimScan(ctx, liveCodeId, e);
    await ctx.db.execute(sql`
      insert into live_code_joins (workspace_id, event_id, live_code_id, community_id, member_id, scan_id, source, joined_at)
      values (${ctx.workspaceId}, ${e.id}, ${liveCodeId}, ${e.communityId}, ${e.memberId}, ${scan.id}, ${scan.source}, ${e.occurredAt.toISOString()})
      on conflict do nothing`);
  }
}

async function claimScan(ctx: TenantCtx, liveCodeId: string, e: StoredEvent): Promise<{ id: string | null; source: string | null }> {
  const named = typeof e.data.liveCodeScan === 'string' && UUID.test(e.data.liveCodeScan) ? e.data.liveCodeScan : null;
  if (named) {
    const exact = await one<{ id: string; source: string | null; joinedAt: Date | null }>(ctx.db, sql`
      select id, source, joined_at as "joinedAt" from live_code_scans
      where workspace_id = ${ctx.workspaceId} and id = ${named} and live_code_id = ${liveCodeId} for update`);
    if (exact) {
      // A scan already claimed keeps its first join; this one still carries its source.
      if (exact.joinedAt) return { id: null, source: exact.source };
      await markJoined(ctx, exact.id, e.occurredAt);
      return { id: exact.id, source: exact.source };
    }
  }
  const oldest = await one<{ id: string; source: string | null }>(ctx.db, sql`
    select id, source from live_code_scans
    where workspace_id = ${ctx.workspaceId} and community_id = ${e.communityId} and joined_at is null and live_code_id = ${liveCodeId}
      and scanned_at <= ${e.occurredAt.toISOString()}::timestamptz
      and scanned_at > ${e.occurredAt.toISOString()}::timestamptz - make_interval(hours => ${ATTRIBUTION_HOURS})
    order by scanned_at, id limit 1 for update`);
  if (!oldest) return { id: null, source: null };
  await markJoined(ctx, oldest.id, e.occurredAt);
  return oldest;
}

const markJoined = (ctx: TenantCtx, scanId: string, at: Date) => ctx.db.execute(sql`
  update live_code_scans set joined_at = ${at.toISOString()} where workspace_id = ${ctx.workspaceId} and id = ${scanId}`);
