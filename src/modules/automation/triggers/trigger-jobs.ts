import type { Database } from '../../../db/client.js';
import { rows, sql } from '../../../db/client.js';
import { withTenant, type Actor } from '../../../core/context.js';
import { evaluateTriggers } from './evaluate-triggers.js';
import { runFiring } from './run-firing.js';

const actor: Actor = { kind: 'system', name: 'triggers' };

/**
 * The triggers.run job: acts on due firings across workspaces, oldest due first. Finding them is the one
 * cross-tenant read (as the owner role, like the outbox claim), through the partial index of scheduled
 * firings; each firing is then run in its own tenant transaction, so one refused or failing action never
 * holds back or rolls back the others, and a crash loses at most the firing in flight (still scheduled,
 * run again by the next tick; its action key makes a second run answer the same action).
 */
export async function runDueTriggers(database: Database, input: { asOf?: Date; limit?: number; workspaceId?: string } = {}): Promise<{ done: number; skipped: number }> {
  const asOf = input.asOf ?? new Date();
  const due = await rows<{ workspaceId: string; timeZone: string; id: string }>(database.db, sql`
    select f.workspace_id as "workspaceId", w.time_zone as "timeZone", f.id
    from trigger_firings f join workspaces w on w.id = f.workspace_id
    where f.status = 'scheduled' and f.scheduled_at <= ${asOf.toISOString()}::timestamptz
      ${input.workspaceId ? sql`and f.workspace_id = ${input.workspaceId}` : sql``}
    order by f.scheduled_at, f.id limit ${input.limit ?? 200}`);
  const tally = { done: 0, skipped: 0 };
  for (const f of due) {
    const outcome = await withTenant(database, { id: f.workspaceId, timeZone: f.timeZone }, actor, (ctx) => runFiring(ctx, f.id, asOf));
    if (outcome) tally[outcome.status]++;
  }
  return tally;
}

/**
 * The triggers.evaluate job: evaluates each workspace with an enabled segment, signal or invitation rule
 * in its own tenant transaction. A workspace that fails does not stop the others; the job then fails and
 * is retried, and the rerun records nothing twice for the workspaces that had committed.
 */
export async function evaluateAllTriggers(database: Database, input: { asOf?: Date; workspaceId?: string } = {}): Promise<{ recorded: number }> {
  const asOf = input.asOf ?? new Date();
  const workspaces = await rows<{ id: string; timeZone: string }>(database.db, sql`
    select w.id, w.time_zone as "timeZone" from workspaces w
    where exists (select 1 from trigger_rules r where r.workspace_id = w.id and r.enabled and r.when_kind <> 'event')
      ${input.workspaceId ? sql`and w.id = ${input.workspaceId}` : sql``}
    order by w.id`);
  let recorded = 0;
  let failure: unknown = null;
  for (const ws of workspaces) {
    try {
      recorded += (await withTenant(database, ws, actor, (ctx) => evaluateTriggers(ctx, { asOf }))).recorded;
    } catch (err) {
      failure ??= err;
    }
  }
  if (failure) throw failure;
  return { recorded };
}
