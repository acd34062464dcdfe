import type { JobName } from './definitions.js';

export interface FixedSchedule { job: JobName; everySeconds: number; payload: Record<string, unknown>; why: string }

/** Every fixed schedule of the platform, in one place. */
export const SCHEDULES: FixedSchedule[] = [
  { job: 'outbox.dispatch', everySeconds: 2, payload: { limit: 100 }, why: 'deliver queued messages within seconds of being asked' },
  { job: 'sessions.purge', everySeconds: 3600, payload: {}, why: 'expired console sessions are dead weight and a liability' },
  { job: 'db.analyze', everySeconds: 3600, payload: {}, why: 'PGlite has no autovacuum: stale statistics turn the analytics queries into nested loops' },
  { job: 'jobs.purge', everySeconds: 86400, payload: { keepDays: 7 }, why: 'keep a week of finished jobs for inspection, not forever' },
];
