import { z } from 'zod';
import type { Database } from '../db/client.js';
import { sql } from '../db/client.js';
import { dispatchActions } from '../modules/automation/dispatch-actions.js';

export interface JobDefinition<P extends z.ZodType> {
  name: string;
  payload: P;
  handler: (database: Database, payload: z.infer<P>, job: { id: string }) => Promise<void>;
}
const define = <P extends z.ZodType>(d: JobDefinition<P>) => d;

export const JOBS = [
  define({
    name: 'outbox.dispatch',
    payload: z.object({ limit: z.number().int().min(1).max(500).default(100) }),
    handler: async (database, p) => { await dispatchActions(database, p.limit); },
  }),
  define({
    name: 'sessions.purge',
    payload: z.object({}),
    handler: async (database) => { await database.db.execute(sql`delete from sessions where expires_at < now()`); },
  }),
  define({
    name: 'jobs.purge',
    payload: z.object({ keepDays: z.number().int().min(1).default(7) }),
    handler: async (database, p) => {
      await database.db.execute(sql`delete from jobs where status in ('done', 'failed') and finished_at < now() - make_interval(days => ${p.keepDays})`);
    },
  }),
] as const;

export type JobName = (typeof JOBS)[number]['name'];
export const jobByName = new Map<string, JobDefinition<z.ZodType>>(JOBS.map((j) => [j.name, j as unknown as JobDefinition<z.ZodType>]));
