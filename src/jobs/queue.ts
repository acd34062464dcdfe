import type { Database } from '../db/client.js';
import { one, rows, sql } from '../db/client.js';

export interface JobRow { id: string; name: string; payload: unknown; attempts: number; maxAttempts: number }

/** Queues a job; with a singleton key, a second request for the same key is a no-op. */
export async function enqueueJob(database: Database, name: string, payload: unknown, opts: { singletonKey?: string; runAt?: Date; maxAttempts?: number } = {}): Promise<string | null> {
  const row = await one<{ id: string }>(database.db, sql`
    insert into jobs (name, payload, singleton_key, run_at, max_attempts)
    values (${name}, ${JSON.stringify(payload ?? {})}::jsonb, ${opts.singletonKey ?? null}, ${opts.runAt ?? new Date()}, ${opts.maxAttempts ?? 5})
    on conflict (singleton_key) do nothing returning id::text`);
  return row?.id ?? null;
}

/**
 * Claims due jobs for this worker. SKIP LOCKED lets many workers poll one table without blocking each other;
 * a job whose lease ran out (its worker died) is claimed again.
 */
export function claimJobs(database: Database, workerId: string, names: string[], limit: number, leaseSeconds = 300): Promise<JobRow[]> {
  return rows<JobRow>(database.db, sql`
    with due as (
      select id from jobs
      where name in (select jsonb_array_elements_text(${JSON.stringify(names)}::jsonb)) and run_at <= now()
        and (status = 'queued' or (status = 'running' and locked_until < now()))
      order by run_at limit ${limit} for update skip locked
    )
    update jobs j set status = 'running', attempts = j.attempts + 1, locked_by = ${workerId},
      locked_until = now() + make_interval(secs => ${leaseSeconds})
    from due where j.id = due.id
    returning j.id::text as id, j.name, j.payload, j.attempts, j.max_attempts as "maxAttempts"`);
}

export async function completeJob(database: Database, id: string): Promise<void> {
  await database.db.execute(sql`update jobs set status = 'done', finished_at = now(), locked_by = null, locked_until = null where id = ${id}::bigint`);
}

export async function failJob(database: Database, job: JobRow, error: string): Promise<void> {
  const final = job.attempts >= job.maxAttempts;
  await database.db.execute(sql`
    update jobs set status = ${final ? 'failed' : 'queued'}, last_error = ${error.slice(0, 1000)}, locked_by = null, locked_until = null,
      run_at = now() + make_interval(secs => ${Math.min(3600, 10 * 2 ** job.attempts)}), finished_at = ${final ? new Date() : null}
    where id = ${job.id}::bigint`);
}

export async function reportProgress(database: Database, id: string, progress: Record<string, unknown>): Promise<void> {
  await database.db.execute(sql`update jobs set progress = ${JSON.stringify(progress)}::jsonb where id = ${id}::bigint`);
}

/**
 * Pushes a running job's lease further out, for jobs that run longer than the lease they were claimed with
 * (a big import): without it a second worker would claim the job while the first is still at it. Only the
 * worker holding the job can extend it.
 */
export async function extendLease(database: Database, id: string, workerId: string | null, seconds = 300): Promise<void> {
  await database.db.execute(sql`update jobs set locked_until = now() + make_interval(secs => ${seconds})
    where id = ${id}::bigint and status = 'running' and (${workerId}::text is null or locked_by = ${workerId})`);
}
