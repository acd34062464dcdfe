import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from './helpers/database.js';
import { claimJobs, completeJob, enqueueJob, failJob } from '../src/jobs/queue.js';
import { schedulerTick } from '../src/jobs/runner.js';
import { jobsInLane } from '../src/jobs/definitions.js';
import { SCHEDULES } from '../src/jobs/schedules.js';
import { rows, sql } from '../src/db/client.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => { database = await createTestDatabase(); });
afterAll(async () => { await database.drop(); });

describe('job queue', () => {
  it('hands each job to exactly one of several concurrent workers', async () => {
    for (let i = 0; i < 20; i++) await enqueueJob(database, 'sessions.purge', {});
    const claims = await Promise.all(['w1', 'w2', 'w3'].map((w) => claimJobs(database, w, ['sessions.purge'], 20)));
    const ids = claims.flat().map((j) => j.id);
    expect(ids).toHaveLength(20);
    expect(new Set(ids).size).toBe(20);
    for (const id of ids) await completeJob(database, id);
  });

  it('dedupes on a singleton key and retries a failed job later, then gives up', async () => {
    expect(await enqueueJob(database, 'jobs.purge', {}, { singletonKey: 'once', maxAttempts: 2 })).not.toBeNull();
    expect(await enqueueJob(database, 'jobs.purge', {}, { singletonKey: 'once' })).toBeNull();
    let [job] = await claimJobs(database, 'w', ['jobs.purge'], 1);
    await failJob(database, job!, 'boom');
    expect(await claimJobs(database, 'w', ['jobs.purge'], 1)).toHaveLength(0); // backing off
    await database.db.execute(sql`update jobs set run_at = now() where singleton_key = 'once'`);
    [job] = await claimJobs(database, 'w', ['jobs.purge'], 1);
    expect(job!.attempts).toBe(2);
    await failJob(database, job!, 'boom again');
    const [row] = await rows<{ status: string; last_error: string }>(database.db, sql`select status, last_error from jobs where singleton_key = 'once'`);
    expect(row).toEqual({ status: 'failed', last_error: 'boom again' });
  });

  it('takes back a job whose worker died (lease expired)', async () => {
    await enqueueJob(database, 'sessions.purge', {}, { singletonKey: 'lease' });
    const [first] = await claimJobs(database, 'dead-worker', ['sessions.purge'], 1, 60);
    expect(await claimJobs(database, 'other', ['sessions.purge'], 1)).toHaveLength(0);
    await database.db.execute(sql`update jobs set locked_until = now() - interval '1 second' where id = ${first!.id}::bigint`);
    const [again] = await claimJobs(database, 'other', ['sessions.purge'], 1);
    expect(again!.id).toBe(first!.id);
  });

  it('schedules each fixed job once per slot even with two schedulers', async () => {
    const now = new Date('2030-01-01T00:00:00Z');
    const queued = await Promise.all([schedulerTick(database, now), schedulerTick(database, now)]);
    const [{ n }] = await rows<{ n: number }>(database.db, sql`select count(*)::int as n from jobs where name = 'outbox.dispatch' and singleton_key like '%2030-01-01T00:00:00%'`) as [{ n: number }];
    expect(n).toBe(1);
    expect(queued[0]! + queued[1]!).toBe(SCHEDULES.length); // every schedule is due at midnight, once
    expect(await schedulerTick(database, new Date('2030-01-01T00:00:01Z'))).toBe(0);
    // Two seconds in, the schedules with a 2-second slot are due again (the outbox, the sandbox payment notices).
    const everyTwo = SCHEDULES.filter((x) => 2 % x.everySeconds === 0).length;
    expect(everyTwo).toBeGreaterThan(0);
    expect(await schedulerTick(database, new Date('2030-01-01T00:00:02Z'))).toBe(everyTwo);
  });

  it('keeps long jobs in their own lane, so the quick loop never picks up an import', async () => {
    await database.db.execute(sql`delete from jobs`);
    await enqueueJob(database, 'imports.run', { workspaceId: '00000000-0000-4000-8000-000000000001', importId: '00000000-0000-4000-8000-000000000002' });
    await enqueueJob(database, 'sessions.purge', {});
    expect(jobsInLane('long')).toEqual(['imports.run', 'wecom.groups.sync']);
    expect(jobsInLane('quick')).toEqual(expect.arrayContaining(['outbox.dispatch', 'sessions.purge', 'jobs.purge']));
    expect(jobsInLane('quick')).not.toContain('imports.run');
    expect(jobsInLane('quick')).toEqual(expect.arrayContaining(['wecom.mass.create', 'wecom.mass.poll']));
    const quick = await claimJobs(database, 'w-quick', jobsInLane('quick'), 5);
    expect(quick.map((j) => j.name)).toEqual(['sessions.purge']);
    const long = await claimJobs(database, 'w-long', jobsInLane('long'), 5);
    expect(long.map((j) => j.name)).toEqual(['imports.run']);
  });
});
