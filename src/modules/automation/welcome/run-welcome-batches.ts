import type { Database } from '../../../db/client.js';
import { rows, sql } from '../../../db/client.js';
import { withTenant } from '../../../core/context.js';
import { sendWelcomeBatch } from './send-welcome-batch.js';

/**
 * The welcome.batch job: finds communities whose oldest waiting join has a closed window, across
 * workspaces (as the owner role, like the outbox claim: which tenants have work is not one tenant's
 * question), then sends each community's batch in that workspace's own tenant transaction. One community's
 * failure does not hold up the others; it is reported at the end and its joins wait for the next run.
 */
export async function runWelcomeBatches(database: Database, limit = 100): Promise<{ batches: number }> {
  const due = await rows<{ workspaceId: string; timeZone: string; communityId: string }>(database.db, sql`
    select j.workspace_id as "workspaceId", w.time_zone as "timeZone", j.community_id as "communityId"
    from welcome_joins j join workspaces w on w.id = j.workspace_id
    where j.status = 'pending' and j.window_closes_at <= now()
    group by 1, 2, 3 order by min(j.window_closes_at) limit ${limit}`);
  const actor = { kind: 'system' as const, name: 'welcome' };
  const failures: string[] = [];
  let batches = 0;
  for (const d of due) {
    try {
      // A community may still answer null: its oldest join belongs to a longer window than a later one's.
      if (await withTenant(database, { id: d.workspaceId, timeZone: d.timeZone }, actor, (ctx) => sendWelcomeBatch(ctx, d.communityId))) batches++;
    } catch (err) {
      failures.push(`${d.communityId}: ${(err as Error).message}`);
    }
  }
  if (failures.length) throw new Error(`welcome batches failed for ${failures.length} communities: ${failures.slice(0, 5).join('; ')}`);
  return { batches };
}
