import { one, rows, sql, uuids } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';
import { paginate, type Page, type PageQuery } from '../../../core/pagination.js';
import type { Metric, Settlement } from './contracts.js';

interface Row {
  id: string; period: string; from: string; to: string; metric: Metric; ranked: number; settledAt: Date;
  actionId: string | null; actionStatus: string | null; error: string | null; announces: boolean;
}

/** A board's settled periods, newest first, each with who got which prize and what became of the announcement. */
export async function listSettlements(ctx: TenantCtx, id: string, q: PageQuery): Promise<Page<Settlement>> {
  if (!(await one(ctx.db, sql`select 1 from leaderboards where workspace_id = ${ctx.workspaceId} and id = ${id}`))) throw notFound('leaderboard');
  const page = await paginate<Row>(ctx.db, q, sql`
    select s.id, s.period, to_char(s.from_day, 'YYYY-MM-DD') as from, to_char(s.to_day, 'YYYY-MM-DD') as to, s.metric, s.ranked,
      s.settled_at as "settledAt", s.announce_action_id as "actionId", a.status as "actionStatus", s.announce_error as error,
      (s.announce_action_id is not null or s.announce_error is not null) as announces
    from leaderboard_settlements s left join actions a on a.workspace_id = s.workspace_id and a.id = s.announce_action_id
    where s.workspace_id = ${ctx.workspaceId} and s.leaderboard_id = ${id}`, sql`"settledAt" desc, id`);
  const ids = page.items.map((s) => s.id);
  const winners = ids.length ? await rows<{ settlementId: string; rank: number; memberId: string; name: string; score: number; points: number }>(ctx.db, sql`
    select w.settlement_id as "settlementId", w.rank, w.member_id as "memberId", m.display_name as name, w.score, w.points
    from leaderboard_winners w join members m on m.workspace_id = w.workspace_id and m.id = w.member_id
    where w.workspace_id = ${ctx.workspaceId} and w.settlement_id = any(${uuids(ids)}) order by w.rank`) : [];
  return {
    ...page,
    items: page.items.map((s) => ({
      id: s.id, period: s.period, from: s.from, to: s.to, metric: s.metric, ranked: s.ranked, settledAt: s.settledAt,
      winners: winners.filter((w) => w.settlementId === s.id).map(({ settlementId: _, ...w }) => w),
      announcement: s.announces ? { actionId: s.actionId, status: s.actionStatus, error: s.error } : null,
    })),
  };
}
