import { z } from 'zod';
import { rows, sql } from '../../db/client.js';
import type { TenantCtx } from '../../core/context.js';
import type { HealthInput } from './contracts.js';
import { resolveScope } from './resolve-scope.js';
import { inWindow, isUserMessage } from './scope.js';

const count = z.number().int().nonnegative();

export const heatmapSchema = z.object({
  window: z.object({ from: z.string(), to: z.string() }),
  communities: count,
  time_zone: z.string().meta({ description: 'The workspace time zone the weekdays and hours are read in' }),
  messages: count,
  counts: z.array(z.array(count).length(24)).length(7)
    .meta({ description: 'counts[weekday][hour]: messages by local weekday (Monday = 0 ... Sunday = 6) and local hour (0-23)' }),
});
export type Heatmap = z.infer<typeof heatmapSchema>;

/**
 * When a community talks: the window's messages (outbound echoes aside, as in every health metric) by
 * workspace-local weekday and hour. Read from the events, since the day rollups have no hours.
 */
export async function activityHeatmap(ctx: TenantCtx, input: HealthInput): Promise<Heatmap> {
  const s = await resolveScope(ctx, input);
  const cells = await rows<{ weekday: number; hour: number; n: number }>(ctx.db, sql`
    select extract(isodow from l.at)::int - 1 as weekday, extract(hour from l.at)::int as hour, count(*)::int as n
    from (select e.occurred_at at time zone ${ctx.timeZone} as at from events e
          where ${inWindow(ctx, s, 'e')} and ${isUserMessage('e')}) l
    group by 1, 2`);
  const counts = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  for (const c of cells) counts[c.weekday]![c.hour] = c.n;
  return {
    window: { from: s.from.toISOString(), to: s.to.toISOString() },
    communities: s.communities,
    time_zone: ctx.timeZone,
    messages: cells.reduce((sum, c) => sum + c.n, 0),
    counts,
  };
}
