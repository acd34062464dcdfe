import { rows, sql, type Database } from '../../db/client.js';
import { syncJoinWay } from './sync-join-way.js';

/**
 * The wecom.join_way.check schedule: every enabled WeCom live code, and every join way whose live code was
 * deleted, paused or moved off WeCom, synced one after the other. Pools fill as people join, so a group that
 * filled up leaves the chosen five here; a code whose groups did not change makes no WeCom call. Read across
 * workspaces as the owner role, like the other schedules' due reads; each sync then runs in its own workspace.
 */
export async function checkJoinWays(database: Database): Promise<{ checked: number; changed: number }> {
  const due = await rows<{ workspaceId: string; timeZone: string; liveCodeId: string }>(database.db, sql`
    select x.workspace_id as "workspaceId", w.time_zone as "timeZone", x.live_code_id as "liveCodeId"
    from (select workspace_id, id as live_code_id from live_codes where channel = 'wecom' and enabled
          union select workspace_id, live_code_id from wecom_join_ways) x
    join workspaces w on w.id = x.workspace_id
    order by x.workspace_id, x.live_code_id`);
  let changed = 0;
  const failures: string[] = [];
  for (const d of due) {
    try {
      const action = await syncJoinWay(database, { id: d.workspaceId, timeZone: d.timeZone }, d.liveCodeId);
      if (action !== 'none' && action !== 'blocked') changed++;
    } catch (err) {
      // One live code's trouble must not hold back the others; the job still fails so it shows in the queue.
      failures.push(`live code ${d.liveCodeId}: ${(err as Error).message}`);
    }
  }
  if (failures.length) throw new Error(`WeCom join-way checks failed: ${failures.join('; ')}`);
  return { checked: due.length, changed };
}
