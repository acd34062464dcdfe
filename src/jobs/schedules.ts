import type { JobName } from './definitions.js';

export interface FixedSchedule { job: JobName; everySeconds: number; payload: Record<string, unknown>; why: string }

/** Every fixed schedule of the platform, in one place. */
export const SCHEDULES: FixedSchedule[] = [
  { job: 'outbox.dispatch', everySeconds: 2, payload: { limit: 100 }, why: 'deliver queued messages within seconds of being asked' },
  { job: 'sessions.purge', everySeconds: 3600, payload: {}, why: 'expired console sessions are dead weight and a liability' },
  { job: 'db.analyze', everySeconds: 3600, payload: {}, why: 'PGlite has no autovacuum: stale statistics turn the analytics queries into nested loops' },
  { job: 'welcome.batch', everySeconds: 15, payload: { limit: 100 }, why: 'a closed batching window gets its group welcome within 15 s, while the newcomers are still looking at the chat' },
  { job: 'sop.tick', everySeconds: 30, payload: { batchSize: 200, maxBatches: 50 }, why: 'SOP steps go out within 30 s of their time; a tick with nothing due reads only the due-index range, which is empty' },
  { job: 'triggers.run', everySeconds: 30, payload: { limit: 200 }, why: 'a trigger acts within 30 s of its delay ending; a run with nothing due reads only the empty range of the due index' },
  { job: 'triggers.evaluate', everySeconds: 3600, payload: {}, why: 'segments, leave spikes and sent invitations are re-read hourly: the analytics they come from move by the day, and running them per rule or per minute would cost more than it tells' },
  { job: 'points.expire', everySeconds: 600, payload: { limit: 500 }, why: 'expired points leave balances and histories within 10 minutes; a spend closes its own member\'s expired lots first, so none is ever spent late' },
  { job: 'leaderboards.settle', everySeconds: 300, payload: {}, why: 'a leaderboard is settled within 5 minutes of its period closing; a run reads only the enabled boards, and a settled period is skipped by its settlement row' },
  { job: 'draws.close', everySeconds: 60, payload: {}, why: 'a draw stops taking entries at its end time itself; closing it within a minute reveals the seed soon after, so members can check their draws while they still care' },
  { job: 'fission.qualify', everySeconds: 300, payload: { limit: 500 }, why: 'a friend who stayed the hold time counts within 5 minutes, and the inviter hears of it while still sharing; a run with nothing due reads only the empty range of the pending-due index' },
  { job: 'distribution.release', everySeconds: 600, payload: { limit: 500 }, why: 'commission past its refund window becomes withdrawable within 10 minutes; windows are days long, so sooner would tell nobody anything' },
  { job: 'flash_sale.remind', everySeconds: 60, payload: {}, why: 'a pre-heat reminder goes to its group within a minute of its time, well before the sale opens; a run with nothing due reads only the empty range of the remind index' },
  { job: 'orders.expire', everySeconds: 60, payload: { limit: 500 }, why: 'an unpaid order gives its stock back within a minute of its timeout, so a sold-out item comes back on sale while buyers are still looking' },
  { job: 'group_buy.expire', everySeconds: 60, payload: { limit: 500 }, why: 'a group-buy that ran out of time fails and its paid members get their money back within a minute, before they start asking where it went' },
  { job: 'group_leaders.release', everySeconds: 600, payload: { limit: 500 }, why: 'a leader\'s commission past its refund window becomes available within 10 minutes; windows are days long, so sooner would tell nobody anything' },
  { job: 'payments.sandbox', everySeconds: 2, payload: { limit: 100 }, why: 'the sandbox pays like a real provider calls back: within seconds, asynchronously, signed' },
  { job: 'wecom.groups.statistics', everySeconds: 3600, payload: {}, why: 'WeCom publishes a day\'s group statistics some time after midnight China time; an hourly look picks them up the same morning, and a corp whose day is stored costs one indexed read, no WeCom call' },
  { job: 'wecom.join_way.check', everySeconds: 300, payload: {}, why: 'WeCom live codes keep five groups with room in their join way: pools fill as people join, so a full group is swapped out within 5 minutes; a code whose groups did not change makes no WeCom call' },
  { job: 'wecom.mass.poll', everySeconds: 300, payload: { limit: 200 }, why: 'a group mass message is confirmed by a person in their WeCom app, minutes to hours after it is made: reading its send result every 5 minutes closes the staff task soon after the tap, and a run with nothing waiting reads only the empty range of the unsettled index, no WeCom call' },
  { job: 'jobs.purge', everySeconds: 86400, payload: { keepDays: 7 }, why: 'keep a week of finished jobs for inspection, not forever' },
];
