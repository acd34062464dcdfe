import type { Database } from '../../../db/client.js';
import { rows, sql, uuids } from '../../../db/client.js';
import { withTenant, type WorkspaceRef } from '../../../core/context.js';
import { materialiseDue, type BatchResult } from './materialise-due.js';
import { syncTargets } from './sync-targets.js';

export interface TickOptions { now?: Date; batchSize?: number; maxBatches?: number }
export interface TickResult extends BatchResult { batches: number; communitiesSynced: number }

const actor = { kind: 'system' as const, name: 'sop' };

/**
 * The SOP plans' share of the scheduler (job `sop.tick`). Across workspaces, as the owner role, it only
 * asks which workspaces have work: groups created or changed since the last tick, and targets whose
 * next_run_at has come (a range scan of sop_targets_due_idx, which holds nothing else). Each workspace's
 * work then runs inside withTenant, one transaction per batch. Bounded by maxBatches so one tick never holds
 * the quick lane for long; what is left is due at the next tick.
 */
export async function runSopTick(database: Database, opts: TickOptions = {}): Promise<TickResult> {
  const now = opts.now ?? new Date();
  const batchSize = opts.batchSize ?? 200;
  let budget = opts.maxBatches ?? 50;
  const total: TickResult = { targets: 0, queued: 0, missed: 0, refused: 0, batches: 0, communitiesSynced: 0 };

  for (const ws of await workspacesWith(database, sql`select distinct workspace_id from sop_community_changes`)) {
    total.communitiesSynced += await withTenant(database, ws, actor, async (ctx) => {
      const changed = await rows<{ id: string }>(ctx.db, sql`
        delete from sop_community_changes where workspace_id = ${ctx.workspaceId}
          and community_id in (select community_id from sop_community_changes where workspace_id = ${ctx.workspaceId} limit 1000 for update skip locked)
        returning community_id as id`);
      if (changed.length) await syncTargets(ctx, { communityIds: changed.map((c) => c.id) }, new Set(), now);
      return changed.length;
    });
  }

  const due = await workspacesWith(database, sql`select distinct workspace_id from sop_targets where next_run_at <= ${now.toISOString()}::timestamptz`);
  for (const ws of due) {
    while (budget > 0) {
      budget--;
      const r = await withTenant(database, ws, actor, (ctx) => materialiseDue(ctx, now, batchSize));
      total.batches++;
      total.targets += r.targets; total.queued += r.queued; total.missed += r.missed; total.refused += r.refused;
      if (r.targets < batchSize) break;
    }
  }
  return total;
}

async function workspacesWith(database: Database, ids: ReturnType<typeof sql>): Promise<WorkspaceRef[]> {
  const found = await rows<{ id: string }>(database.db, sql`select workspace_id as id from (${ids}) x`);
  if (!found.length) return [];
  return rows<WorkspaceRef>(database.db, sql`select id, time_zone as "timeZone" from workspaces where id = any(${uuids(found.map((f) => f.id))})`);
}
