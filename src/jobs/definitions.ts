import { z } from 'zod';
import type { Database } from '../db/client.js';
import { sql } from '../db/client.js';
import { refreshStatistics } from '../db/refresh-statistics.js';
import { dispatchActions } from '../modules/automation/dispatch-actions.js';
import { runImportJob } from '../modules/importers/import-job.js';
import { evaluateAllTriggers, runDueTriggers } from '../modules/automation/triggers/trigger-jobs.js';
import { runSopTick } from '../modules/automation/sop/run-sop-tick.js';
import { runWelcomeBatches } from '../modules/automation/welcome/run-welcome-batches.js';
import { runPointsExpiry } from '../modules/loyalty/points/expire-points.js';
import { runLeaderboardSettlements } from '../modules/growth/leaderboards/run-leaderboard-settlements.js';
import { runFissionQualification } from '../modules/growth/fission/run-fission-qualification.js';
import { runDrawClosing } from '../modules/growth/draws/run-draw-closing.js';
import { runCommissionRelease } from '../modules/commerce/distribution/release-commissions.js';
import { runOrderExpiry } from '../modules/commerce/orders/expire-orders.js';
import { runFlashSaleReminders } from '../modules/commerce/flash-sale/send-reminders.js';
import { runGroupBuyExpiry } from '../modules/commerce/group-buy/expire-groups.js';
import { runLeaderCommissionRelease } from '../modules/commerce/group-leaders/release-leader-commissions.js';
import { deliverSandboxNotifications } from '../modules/commerce/payments/deliver-sandbox-notifications.js';
import { syncGroups } from '../channels/wecom/sync-groups.js';
import { refreshGroup } from '../channels/wecom/refresh-group.js';
import { pullGroupStatistics } from '../channels/wecom/pull-group-statistics.js';
import { checkJoinWays } from '../channels/wecom/check-join-ways.js';
import { syncJoinWay, workspaceRef } from '../channels/wecom/sync-join-way.js';
import { createMassMessage } from '../channels/wecom/create-mass-message.js';
import { pollMassMessages } from '../channels/wecom/poll-mass-messages.js';

/** The claimed job as its handler sees it: attempts tell a handler whether a failure now is the last one. */
export interface JobInfo { id: string; attempts: number; maxAttempts: number; workerId: string }

export interface JobDefinition<P extends z.ZodType> {
  name: string;
  payload: P;
  handler: (database: Database, payload: z.infer<P>, job: JobInfo) => Promise<void>;
  /**
   * Jobs that may run for minutes (a 1 GB import) get a lane of their own, so the outbox and the other
   * quick jobs never wait behind them. Default: quick.
   */
  lane?: JobLane;
}
export type JobLane = 'quick' | 'long';
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
    name: 'db.analyze',
    payload: z.object({}),
    // A server runs autovacuum itself; only the embedded database needs the nudge.
    handler: async (database) => { if (database.kind === 'pglite') await refreshStatistics(database); },
  }),
  define({
    name: 'jobs.purge',
    payload: z.object({ keepDays: z.number().int().min(1).default(7) }),
    handler: async (database, p) => {
      await database.db.execute(sql`delete from jobs where status in ('done', 'failed') and finished_at < now() - make_interval(days => ${p.keepDays})`);
    },
  }),
  define({
    name: 'imports.run',
    payload: z.object({ workspaceId: z.uuid(), importId: z.uuid() }),
    handler: (database, p, job) => runImportJob(database, p, job),
    lane: 'long',
  }),
  define({
    name: 'sop.tick',
    // Batches of due (step, community) targets per run, each batch one transaction; what is left waits for the next run.
    payload: z.object({ batchSize: z.number().int().min(1).max(2000).default(200), maxBatches: z.number().int().min(1).max(1000).default(50) }),
    handler: async (database, p) => { await runSopTick(database, p); },
  }),
  define({
    name: 'welcome.batch',
    // Communities handled per run; the rest are due again on the next run.
    payload: z.object({ limit: z.number().int().min(1).max(1000).default(100) }),
    handler: async (database, p) => { await runWelcomeBatches(database, p.limit); },
  }),
  define({
    name: 'triggers.run',
    // Due trigger firings acted on per run, oldest due first; the rest wait for the next run.
    payload: z.object({ limit: z.number().int().min(1).max(2000).default(200) }),
    handler: async (database, p) => { await runDueTriggers(database, { limit: p.limit }); },
  }),
  define({
    name: 'triggers.evaluate',
    payload: z.object({}),
    handler: async (database) => { await evaluateAllTriggers(database); },
  }),
  define({
    name: 'points.expire',
    // Members whose lots ran out handled per run, one transaction each; the rest are due again on the next run.
    payload: z.object({ limit: z.number().int().min(1).max(5000).default(500) }),
    handler: async (database, p) => { await runPointsExpiry(database, p.limit); },
  }),
  define({
    name: 'leaderboards.settle',
    // Every enabled board's closed, unsettled periods; each settlement is one transaction, taken once by its unique key.
    payload: z.object({}),
    handler: async (database) => { await runLeaderboardSettlements(database); },
  }),
  define({
    name: 'fission.qualify',
    // Pending invites past their hold time settled per run, oldest due first, one transaction each; the rest wait for the next run.
    payload: z.object({ limit: z.number().int().min(1).max(5000).default(500) }),
    handler: async (database, p) => { await runFissionQualification(database, { limit: p.limit }); },
  }),
  define({
    name: 'draws.close',
    // Open draws whose window has ended are closed and their seeds revealed, each in its own transaction.
    payload: z.object({}),
    handler: async (database) => { await runDrawClosing(database); },
  }),
  define({
    name: 'flash_sale.remind',
    // Each flash-sale session whose pre-heat time has come gets its one reminder, one transaction each; a guarded update sends it once.
    payload: z.object({}),
    handler: async (database) => { await runFlashSaleReminders(database); },
  }),
  define({
    name: 'distribution.release',
    // Distributors with frozen commission past its refund window handled per run, one transaction each; the rest wait for the next run.
    payload: z.object({ limit: z.number().int().min(1).max(5000).default(500) }),
    handler: async (database, p) => { await runCommissionRelease(database, p.limit); },
  }),
  define({
    name: 'orders.expire',
    // Unpaid orders past their timeout cancelled per run, oldest due first, one transaction each; the rest wait for the next run.
    payload: z.object({ limit: z.number().int().min(1).max(5000).default(500) }),
    handler: async (database, p) => { await runOrderExpiry(database, p.limit); },
  }),
  define({
    name: 'group_buy.expire',
    // Open groups past their window failed, then seats of failed groups settled (paid refunded, unpaid cancelled), one transaction each; the rest wait for the next run.
    payload: z.object({ limit: z.number().int().min(1).max(5000).default(500) }),
    handler: async (database, p) => { await runGroupBuyExpiry(database, p.limit); },
  }),
  define({
    name: 'group_leaders.release',
    // Leaders with frozen commission past its refund window handled per run, one transaction each; the rest wait for the next run.
    payload: z.object({ limit: z.number().int().min(1).max(5000).default(500) }),
    handler: async (database, p) => { await runLeaderCommissionRelease(database, p.limit); },
  }),
  define({
    name: 'payments.sandbox',
    // The sandbox payment provider's queued, signed notifications delivered per run, oldest first.
    payload: z.object({ limit: z.number().int().min(1).max(1000).default(100) }),
    handler: async (database, p) => { await deliverSandboxNotifications(database, p.limit); },
  }),
  define({
    name: 'wecom.groups.sync',
    // Every customer group of a corp, page by page; resumes at the saved cursor when retried (docs/wecom.md "Group sync").
    payload: z.object({ workspaceId: z.uuid(), corpRowId: z.uuid(), mode: z.enum(['full', 'incremental']) }),
    handler: (database, p, job) => syncGroups(database, p, job),
    lane: 'long',
  }),
  define({
    name: 'wecom.group.refresh',
    // One group read again with groupchat/get after a callback said it was created, renamed, or its notice or owner changed.
    payload: z.object({ workspaceId: z.uuid(), corpRowId: z.uuid(), chatId: z.string().min(1).max(200) }),
    handler: async (database, p) => { await refreshGroup(database, p); },
  }),
  define({
    name: 'wecom.groups.statistics',
    // Each corp's previous China day of group statistics, once per (corp, day); corps that failed are tried again next run.
    payload: z.object({}),
    handler: async (database) => {
      const { failed } = await pullGroupStatistics(database);
      if (failed.length) throw new Error(`group statistics not pulled for ${failed.length} corp(s): ${failed.join('; ').slice(0, 800)}`);
    },
  }),
  define({
    name: 'wecom.join_way.sync',
    // One live code's WeCom join way brought in line with its pool (docs/wecom.md "Live codes"); a gone workspace has nothing to sync.
    payload: z.object({ workspaceId: z.uuid(), liveCodeId: z.uuid() }),
    handler: async (database, p) => { const ws = await workspaceRef(database, p.workspaceId); if (ws) await syncJoinWay(database, ws, p.liveCodeId); },
  }),
  define({
    name: 'wecom.join_way.check',
    payload: z.object({}),
    handler: async (database) => { await checkJoinWays(database); },
  }),
  define({
    name: 'wecom.mass.create',
    // The WeCom mass-message task of one send_group handed over to staff (docs/wecom.md "Outbound adapter and group mass messages").
    payload: z.object({ workspaceId: z.uuid(), actionId: z.uuid() }),
    handler: async (database, p, job) => { await createMassMessage(database, p, { lastAttempt: job.attempts >= job.maxAttempts }); },
  }),
  define({
    name: 'wecom.mass.poll',
    payload: z.object({ limit: z.number().int().min(1).max(1000).default(200) }),
    handler: async (database, p) => { await pollMassMessages(database, p); },
  }),
] as const;

export type JobName = (typeof JOBS)[number]['name'];
export const jobsInLane = (lane: JobLane) => JOBS.filter((j) => ((j as JobDefinition<z.ZodType>).lane ?? 'quick') === lane).map((j) => j.name);
export const jobByName = new Map<string, JobDefinition<z.ZodType>>(JOBS.map((j) => [j.name, j as unknown as JobDefinition<z.ZodType>]));
