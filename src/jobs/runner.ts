import os from 'node:os';
import type { Database } from '../db/client.js';
import { rows, sql } from '../db/client.js';
import { claimJobs, completeJob, enqueueJob, failJob } from './queue.js';
import { JOBS, jobByName } from './definitions.js';
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

/** Claims and runs due jobs once; answers how many ran. */
export async function workOnce(database: Database, workerId: string, log?: Logger): Promise<number> {
  const jobs = await claimJobs(database, workerId, JOBS.map((j) => j.name), 5);
  for (const job of jobs) {
    const def = jobByName.get(job.name)!;
    try {
      await def.handler(database, def.payload.parse(job.payload), { id: job.id });
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
  let current: Promise<unknown> = Promise.resolve();
  const loop = async () => {
    while (!stopped) {
      let busy = 0;
      current = (async () => {
        if (opts.scheduler) await schedulerTick(database);
        if (opts.worker) busy = await workOnce(database, workerId, opts.log);
      })().catch((err) => opts.log?.error({ err }, 'background loop error'));
      await current;
      if (!stopped && busy === 0) await new Promise((r) => setTimeout(r, pollMs));
    }
  };
  void loop();
  return { stop: async () => { stopped = true; await current; } };
}
