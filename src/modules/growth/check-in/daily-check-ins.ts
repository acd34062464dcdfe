import { rows, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { parseInput } from '../../automation/tasks/contracts.js';
import { dailyQuerySchema, type Daily } from './contracts.js';
import { addDays, localDay } from './days.js';
import { checkRange } from './period-range.js';

/** Check-ins per local day (make-ups apart, counted on the day they filled), every day of the range listed. */
export async function dailyCheckIns(ctx: TenantCtx, query: { from?: string; to?: string }, now = new Date()): Promise<Daily> {
  const q = parseInput(dailyQuerySchema, query);
  const to = q.to ?? localDay(now, ctx.timeZone);
  const from = q.from ?? addDays(to, -29);
  checkRange(from, to);
  const days = await rows<{ day: string; checkIns: number; makeUps: number }>(ctx.db, sql`
    select to_char(g.day, 'YYYY-MM-DD') as day,
      count(c.id) filter (where c.source <> 'make_up')::int as "checkIns",
      count(c.id) filter (where c.source = 'make_up')::int as "makeUps"
    from generate_series(${from}::date, ${to}::date, interval '1 day') as g(day)
    left join check_ins c on c.workspace_id = ${ctx.workspaceId} and c.day = g.day::date
    group by g.day order by g.day`);
  return { from, to, days };
}
