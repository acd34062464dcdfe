import { rows, sql, type Database } from '../../../db/client.js';
import { withTenantRetrying } from '../../../core/context.js';
import { qualifyInvite, type Settlement } from './qualify-invite.js';

/**
 * The fission.qualify job: pending invites whose hold time has passed, oldest due first, each settled in its
 * own tenant transaction (qualify-invite.ts), so one failure holds back only its own invite. Read across
 * workspaces as the owner role, like the other schedules' due reads. Running it twice at once is safe: each
 * invite is settled by one run and skipped by the other.
 */
export async function runFissionQualification(database: Database, opts: { limit?: number; now?: Date } = {}): Promise<Record<Settlement, number>> {
  const now = opts.now ?? new Date();
  const due = await rows<{ id: string; workspaceId: string; timeZone: string }>(database.db, sql`
    select i.id, i.workspace_id as "workspaceId", w.time_zone as "timeZone"
    from fission_invites i join workspaces w on w.id = i.workspace_id
    where i.status = 'pending' and i.due_at <= ${now.toISOString()}::timestamptz
    order by i.due_at, i.id limit ${opts.limit ?? 500}`);
  const tally: Record<Settlement, number> = { qualified: 0, void: 0, skipped: 0 };
  const failures: string[] = [];
  for (const d of due) {
    try {
      const done = await withTenantRetrying(database, { id: d.workspaceId, timeZone: d.timeZone }, { kind: 'system', name: 'fission.qualify' },
        (ctx) => qualifyInvite(ctx, d.id, now));
      tally[done]++;
    } catch (err) {
      failures.push(`invite ${d.id}: ${(err as Error).message}`);
    }
  }
  if (failures.length) throw new Error(`fission qualifications failed: ${failures.join('; ')}`);
  return tally;
}
