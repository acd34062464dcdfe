import { one, rows, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';

/** Points issued, spent and expired by reason over the last `days` days, and what members hold now. */
export async function pointsSummary(ctx: TenantCtx, days: number) {
  const totals = await one<{ accounts: number; outstanding: number }>(ctx.db, sql`
    select count(*)::int as accounts, coalesce(sum(balance), 0)::int as outstanding from points_accounts where workspace_id = ${ctx.workspaceId}`);
  const byReason = await rows<{ kind: string; reason: string; points: number; entries: number }>(ctx.db, sql`
    select kind, reason, sum(abs(amount))::int as points, count(*)::int as entries from points_entries
    where workspace_id = ${ctx.workspaceId} and created_at >= now() - make_interval(days => ${days})
    group by kind, reason order by kind, points desc`);
  return { ...totals!, byReason };
}
