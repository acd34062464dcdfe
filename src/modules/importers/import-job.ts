import type { Database } from '../../db/client.js';
import { one, sql } from '../../db/client.js';
import { withTenant, type Actor, type TenantCtx, type WorkspaceRef } from '../../core/context.js';
import { extendLease } from '../../jobs/queue.js';
import type { JobInfo } from '../../jobs/definitions.js';
import { runImport, type ImportProgress } from './run-import.js';
import { failImport, finishImport, setImportProgress, startImport } from './imports.js';
import { IMPORT_PARSERS } from './registry.js';
import type { ImportFormat, ImportParser } from './types.js';

const PROGRESS_EVERY_MS = 500;
const LEASE_SECONDS = 300;
/** Even when no progress comes (a long run of unreadable lines never fills a batch), the lease is kept. */
const HEARTBEAT_MS = 60_000;
const actor: Actor = { kind: 'system', name: 'imports.run' };

/**
 * Errors that running again cannot fix: the importer's own RangeErrors ("format: could not recognise ...",
 * "path: ... does not exist", an unknown format) and syntax errors from a malformed export. Anything else
 * (the database went away, the process ran out of memory) is worth another attempt; that is safe because
 * event ids come from the export's content, so a second run stores nothing twice.
 */
const isFinal = (err: unknown) => err instanceof RangeError || err instanceof SyntaxError;

/** The job imports.run: one uploaded export through runImport, its progress and outcome on the imports row. */
export async function runImportJob(
  database: Database, p: { workspaceId: string; importId: string }, job: JobInfo, parsers: ImportParser[] = IMPORT_PARSERS,
): Promise<void> {
  const ws = await one<WorkspaceRef>(database.db, sql`select id, time_zone as "timeZone" from workspaces where id = ${p.workspaceId}`);
  if (!ws) return; // the workspace was deleted, and its imports with it
  const inTenant = <T>(fn: (ctx: TenantCtx) => Promise<T>) => withTenant(database, ws, actor, fn);
  const row = await inTenant((ctx) => startImport(ctx, p.importId));
  if (!row) return; // gone, or finished by an earlier attempt

  const progress = progressWriter(database, job, (pr) => inTenant((ctx) => setImportProgress(ctx, p.importId, pr)));
  const heartbeat = setInterval(() => { void extendLease(database, job.id, job.workerId, LEASE_SECONDS).catch(() => undefined); }, HEARTBEAT_MS);
  try {
    const summary = await runImport(database, ws, {
      path: row.storedPath, format: row.format as ImportFormat | 'auto', community: row.community ?? undefined, timeZone: row.timeZone,
      parsers, onProgress: progress.report,
    });
    await progress.settle();
    await inTenant((ctx) => finishImport(ctx, p.importId, summary));
  } catch (err) {
    await progress.settle();
    const message = err instanceof Error ? err.message : String(err);
    const final = isFinal(err) || job.attempts >= job.maxAttempts;
    await inTenant((ctx) => failImport(ctx, p.importId, message, final));
    // A final failure is recorded on the import and the job is complete: the queue has nothing to retry.
    if (!final) throw err;
  } finally {
    clearInterval(heartbeat);
  }
}

/**
 * Throttles progress to one write every PROGRESS_EVERY_MS, never two at once, and extends the job's lease
 * with each. Progress is advisory: a failed write is dropped and the next one tries again.
 */
function progressWriter(database: Database, job: JobInfo, write: (p: ImportProgress) => Promise<void>) {
  let last = 0;
  let inFlight: Promise<void> | null = null;
  return {
    report(p: ImportProgress) {
      const now = Date.now();
      if (inFlight || now - last < PROGRESS_EVERY_MS) return;
      last = now;
      inFlight = Promise.all([write(p), extendLease(database, job.id, job.workerId, LEASE_SECONDS)])
        .then(() => undefined, () => undefined)
        .finally(() => { inFlight = null; });
    },
    /** Waits for a write still under way, so it cannot land after the final status. */
    async settle() { await inFlight; },
  };
}
