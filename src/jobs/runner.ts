import os from 'node:os';
import type { Database } from '../db/client.js';
import { rows, sql } from '../db/client.js';
import { claimJobs, completeJob, enqueueJob, failJob } from './queue.js';
import { JOBS, jobByName, jobsInLane, type JobLane } from './definitions.js';
import { SCHEDULES } from './schedules.js';
import { isDue, slotStart } from './is-due.js';

export interface Logger { info(obj: unknown, msg?: string): void; error(obj: unknown, msg?: string): void }

/**
 * Enqueues each fixed schedule's job when its slot comes round. Several schedulers may run (one per
 * process); the singleton key name@slot lets only one of them enqueue a given run.
 */
export async function schedulerTick(database: Database, now = new Date()): Promise<number> {
  const last = new Map((await rows<{ name: string; lastRunAt: Date }>(database.db, sql`select name, last_run_at as "lastRunAt" from schedule_runs`)).map((r) => [r.name, r.lastRunAt]));
  let queued = 0;
  for (const s of SCHEDULES) {
    if (!isDue(s, last.get(s.job) ?? null, now)) continue;
    const slot = slotStart(s, now);
    if (await enqueueJob(database, s.job, s.payload, { singletonKey: `${s.job}@${slot.toISOString()}`, maxAttempts: 1 })) queued++;
    await database.db.execute(sql`insert into schedule_runs (name, last_run_at) values (${s.job}, ${slot})
      on conflict (name) do update set last_run_at = greatest(schedule_runs.last_run_at, excluded.last_run_at)`);
  }
  return queued;
}

/** Claims and runs due jobs once (of one lane, or of every lane); answers how many ran. */
export async function workOnce(database: Database, workerId: string, log?: Logger, lane?: JobLane): Promise<number> {
  const jobs = await claimJobs(database, workerId, lane ? jobsInLane(lane) : JOBS.map((j) => j.name), lane === 'long' ? 1 : 5);
  for (const job of jobs) {
    const def = jobByName.get(job.name)!;
    try {
      await def.handler(database, def.payload.parse(job.payload), { id: job.id, attempts: job.attempts, maxAttempts: job.maxAttempts, workerId });
      await completeJob(database, job.id);
    } catch (err) {
      log?.error({ err, job: job.name }, 'job failed');
      await failJob(database, job, (err as Error).message);
    }
  }
  return jobs.length;
}

/** Runs the scheduler and/or worker loops until stop() is called. */
export function startBackground(database: Database, opts: { scheduler: boolean; worker: boolean; log?: Logger; pollMs?: number }) {
  const workerId = `${os.hostname()}:${process.pid}`;
  const pollMs = opts.pollMs ?? 1000;
  let stopped = false;
  // What each loop is doing right now, so stop() can wait for it to finish.
  const inFlight: (() => Promise<unknown>)[] = [];
  const loop = (step: () => Promise<number>) => {
    let current: Promise<unknown> = Promise.resolve();
    inFlight.push(() => current);
    void (async () => {
      while (!stopped) {
        let busy = 0;
        current = step().then((n) => { busy = n; }, (err) => opts.log?.error({ err }, 'background loop error'));
        await current;
        if (!stopped && busy === 0) await new Promise((r) => setTimeout(r, pollMs));
      }
    })();
  };
  // Quick jobs (outbox, purges) and the scheduler in one loop; long jobs (imports) in their own, so a
  // long import never holds up a message send.
  loop(async () => {
    if (opts.scheduler) await schedulerTick(database);
    return opts.worker ? workOnce(database, workerId, opts.log, 'quick') : 0;
  });
  if (opts.worker) loop(() => workOnce(database, workerId, opts.log, 'long'));
  return { stop: async () => { stopped = true; await Promise.all(inFlight.map((f) => f())); } };
}
