import { rows, sql, type Database } from '../../../db/client.js';
import { withTenant } from '../../../core/context.js';
import { closeDraw } from './close-draw.js';

/**
 * The draws.close job: open draws whose window has ended are closed (and their seeds revealed), each in its
 * own tenant transaction. The due draws are read across workspaces as the owner role, like the other
 * schedules' due reads; one failing does not hold back the others, and the job then fails to be retried.
 */
export async function runDrawClosing(database: Database, now = new Date()): Promise<{ closed: number }> {
  const due = await rows<{ id: string; workspaceId: string; timeZone: string }>(database.db, sql`
    select d.id, d.workspace_id as "workspaceId", w.time_zone as "timeZone" from draws d join workspaces w on w.id = d.workspace_id
    where d.status = 'open' and d.ends_at <= ${now.toISOString()} order by d.ends_at, d.id`);
  let closed = 0;
  const failures: string[] = [];
  for (const d of due) {
    try {
      await withTenant(database, { id: d.workspaceId, timeZone: d.timeZone }, { kind: 'system', name: 'draws.close' }, (ctx) => closeDraw(ctx, d.id));
      closed++;
    } catch (err) {
      failures.push(`draw ${d.id}: ${(err as Error).message}`);
    }
  }
  if (failures.length) throw new Error(`closing draws failed: ${failures.join('; ')}`);
  return { closed };
}
