import { rows, sql, uuids } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';
import { localDay } from '../check-in/days.js';
import type { Leaderboard, Metric } from './contracts.js';
import { closesAt, periodOn, type PeriodDef } from './periods.js';

export interface LeaderboardRow {
  id: string; name: string; metric: Metric; periodKind: 'monthly' | 'custom'; periodFrom: string | null; periodTo: string | null;
  scopeKind: 'all' | 'communities'; topN: number; rewards: number[]; announceCommunityId: string | null; announceText: string | null;
  enabled: boolean; enabledSince: Date | null; createdAt: Date; updatedAt: Date;
}

export const BOARD_COLUMNS = sql`l.id, l.name, l.metric, l.period_kind as "periodKind", to_char(l.period_from, 'YYYY-MM-DD') as "periodFrom",
  to_char(l.period_to, 'YYYY-MM-DD') as "periodTo", l.scope_kind as "scopeKind", l.top_n as "topN", l.rewards,
  l.announce_community_id as "announceCommunityId", l.announce_text as "announceText", l.enabled, l.enabled_since as "enabledSince",
  l.created_at as "createdAt", l.updated_at as "updatedAt"`;

export const periodDef = (r: LeaderboardRow): PeriodDef =>
  (r.periodKind === 'custom' ? { kind: 'custom', from: r.periodFrom!, to: r.periodTo! } : { kind: 'monthly' });

/** The communities each board's scope names, by board. */
export async function scopeCommunities(ctx: TenantCtx, ids: string[]): Promise<Map<string, { id: string; name: string }[]>> {
  const found = ids.length ? await rows<{ boardId: string; id: string; name: string }>(ctx.db, sql`
    select lc.leaderboard_id as "boardId", c.id, c.name from leaderboard_communities lc
    join communities c on c.workspace_id = lc.workspace_id and c.id = lc.community_id
    where lc.workspace_id = ${ctx.workspaceId} and lc.leaderboard_id = any(${uuids(ids)}) order by c.name, c.id`) : [];
  const out = new Map<string, { id: string; name: string }[]>();
  for (const f of found) out.set(f.boardId, [...(out.get(f.boardId) ?? []), { id: f.id, name: f.name }]);
  return out;
}

/** The boards with these ids as the API shows them, in the order asked. */
export async function viewLeaderboards(ctx: TenantCtx, ids: string[], now = new Date()): Promise<Leaderboard[]> {
  if (!ids.length) return [];
  const found = await rows<LeaderboardRow & { communityName: string | null; settlements: number }>(ctx.db, sql`
    select ${BOARD_COLUMNS}, c.name as "communityName",
      (select count(*)::int from leaderboard_settlements s where s.workspace_id = l.workspace_id and s.leaderboard_id = l.id) as settlements
    from leaderboards l left join communities c on c.workspace_id = l.workspace_id and c.id = l.announce_community_id
    where l.workspace_id = ${ctx.workspaceId} and l.id = any(${uuids(ids)})`);
  const scoped = await scopeCommunities(ctx, ids);
  const today = localDay(now, ctx.timeZone);
  const byId = new Map(found.map((r) => {
    const def = periodDef(r);
    const current = periodOn(def, today);
    const communities = scoped.get(r.id) ?? [];
    const view: Leaderboard = {
      id: r.id, name: r.name, metric: r.metric, period: def,
      scope: r.scopeKind === 'all' ? { kind: 'all' } : { kind: 'communities', communityIds: communities.map((c) => c.id), communities },
      topN: r.topN, rewards: r.rewards,
      announcement: r.announceCommunityId ? { communityId: r.announceCommunityId, communityName: r.communityName ?? '', text: r.announceText ?? '' } : null,
      enabled: r.enabled, currentPeriod: { ...current, closesAt: closesAt(current, ctx.timeZone) }, settlements: r.settlements,
      createdAt: r.createdAt, updatedAt: r.updatedAt,
    };
    return [r.id, view] as const;
  }));
  return ids.map((id) => byId.get(id)).filter((b): b is Leaderboard => !!b);
}

/** One board; another workspace's is "not found". */
export async function getLeaderboard(ctx: TenantCtx, id: string): Promise<Leaderboard> {
  const [board] = await viewLeaderboards(ctx, [id]);
  if (!board) throw notFound('leaderboard');
  return board;
}
