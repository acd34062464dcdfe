import { one, rows, sql, type Database } from '../../db/client.js';
import { withTenant, type WorkspaceRef } from '../../core/context.js';
import { enqueueJob } from '../../jobs/queue.js';
import { completeStaffTask } from '../../modules/automation/tasks/complete-staff-task.js';
import { dismissStaffTask } from '../../modules/automation/tasks/dismiss-staff-task.js';
import { wecomClient } from './api-client.js';
import { corpCredentials } from './corps.js';
import { MASS_CREATE_JOB } from './outbound.js';
import { MASS_ACTOR, MASS_COLUMNS, MASS_VALID_DAYS, markTaskTitle, settleMassRow, type MassRow } from './mass-message-row.js';
import { groupSendResult, type SendResult } from './group-send-result.js';

export interface PollTally { polled: number; sent: number; failed: number; cancelled: number; errors: number; queued: number }

type Due = MassRow & WorkspaceRef & { workspaceId: string };

/** Why WeCom did not send (send_list status, path/93338), in the words of its documentation. */
const FAILED_BECAUSE: Record<number, string> = {
  2: 'WeCom did not send it: the customer is not a friend of the sender (status 2, 因客户不是好友导致发送失败)',
  3: 'WeCom did not send it: the group has already received another mass message within WeCom\'s limit (status 3, 因客户已经收到其他群发消息导致发送失败)',
};

/**
 * Reads back what became of the WeCom tasks Shequn created: sent (status 1) completes the staff task, which
 * marks the action sent; status 2 or 3 marks the row failed with the reason and leaves the task open for a
 * manual send; unsent after MASS_VALID_DAYS, or its staff task dismissed, it is withdrawn in WeCom and
 * cancelled. Each row leaves 'created' once (settleMassRow), so a repeated poll changes nothing. Also queues
 * the create job of any hand-over whose job never got queued (a crash right after the hand-over committed).
 */
export async function pollMassMessages(database: Database, opts: { limit?: number } = {}): Promise<PollTally> {
  const tally: PollTally = { polled: 0, sent: 0, failed: 0, cancelled: 0, errors: 0, queued: await queueMissing(database) };
  // Across workspaces as the job runner's owner role; each row is then handled inside its own workspace.
  const due = await rows<Due>(database.db, sql`
    select m.*, w.time_zone as "timeZone" from (
      select workspace_id as "workspaceId", last_polled_at, ${MASS_COLUMNS} from wecom_mass_messages
      where status = 'created' order by last_polled_at nulls first, created_at limit ${opts.limit ?? 200}
    ) m join workspaces w on w.id = m."workspaceId" order by m.last_polled_at nulls first, m."createdAt"`);
  for (const row of due) {
    tally.polled++;
    const ws = { id: row.workspaceId, timeZone: row.timeZone };
    try {
      const outcome = await pollOne(database, ws, row);
      if (outcome) tally[outcome]++;
    } catch (err) {
      tally.errors++;
      await withTenant(database, ws, MASS_ACTOR, (ctx) => ctx.db.execute(sql`
        update wecom_mass_messages set last_polled_at = now(), error = ${(err as Error).message.slice(0, 500)}
        where workspace_id = ${ctx.workspaceId} and id = ${row.id}`));
    }
  }
  return tally;
}

async function pollOne(database: Database, ws: WorkspaceRef, row: Due): Promise<'sent' | 'failed' | 'cancelled' | null> {
  const { creds, taskStatus } = await withTenant(database, ws, MASS_ACTOR, async (ctx) => ({
    creds: await corpCredentials(ctx, row.corpRowId!),
    taskStatus: (await one<{ status: string }>(ctx.db, sql`
      select status from staff_tasks where workspace_id = ${ctx.workspaceId} and id = ${row.staffTaskId}`))?.status ?? null,
  }));
  const client = wecomClient(creds);
  const result: SendResult | null = await groupSendResult(client, row.msgid!, row.sender!, row.chatId!);
  const expired = row.createdAt.getTime() < Date.now() - MASS_VALID_DAYS * 86_400_000;
  let withdrawn: string | null = null;
  if (result?.status !== 1 && !FAILED_BECAUSE[result?.status ?? -1] && (expired || taskStatus !== 'open')) {
    // Withdraw it from the owner's 群发助手 so nobody sends what Shequn has given up on (cancel_groupmsg_send).
    withdrawn = await client.api('/cgi-bin/externalcontact/cancel_groupmsg_send', { msgid: row.msgid })
      .then(() => '', (err: Error) => `; withdrawing it in WeCom failed: ${err.message}`);
  }
  return withTenant(database, ws, MASS_ACTOR, async (ctx) => {
    await ctx.db.execute(sql`update wecom_mass_messages set last_polled_at = now(), error = null where workspace_id = ${ctx.workspaceId} and id = ${row.id}`);
    if (result?.status === 1) {
      if (!(await settleMassRow(ctx, row.id, 'created', { status: 'sent', sendTime: result.sendTime }))) return null;
      if (taskStatus === 'open') await completeStaffTask(ctx, { id: row.staffTaskId!, note: '企业微信已确认发送' });
      return 'sent';
    }
    const failed = FAILED_BECAUSE[result?.status ?? -1];
    if (failed) {
      if (!(await settleMassRow(ctx, row.id, 'created', { status: 'failed', error: failed }))) return null;
      await markTaskTitle(ctx, row.staffTaskId, '（企业微信群发失败，请在群里手动发送）');
      return 'failed';
    }
    if (withdrawn === null) return null;
    const why = taskStatus !== 'open'
      ? `the staff task was ${taskStatus ?? 'removed'} in Shequn before WeCom sent it`
      : `not sent in WeCom within ${MASS_VALID_DAYS} days`;
    if (!(await settleMassRow(ctx, row.id, 'created', { status: 'cancelled', error: `${why}${withdrawn}` }))) return null;
    if (taskStatus === 'open') await dismissStaffTask(ctx, { id: row.staffTaskId!, note: `企业微信群发 ${MASS_VALID_DAYS} 天未发送，已撤回` });
    return 'cancelled';
  });
}

/** Hand-overs of WeCom group sends still waiting, within the window, whose create job never ran. */
async function queueMissing(database: Database): Promise<number> {
  const missing = await rows<{ workspaceId: string; id: string }>(database.db, sql`
    select a.workspace_id as "workspaceId", a.id from actions a
    where a.channel = 'wecom' and a.kind = 'send_group' and a.status = 'awaiting_staff'
      and a.handed_over_at > now() - make_interval(days => ${MASS_VALID_DAYS})
      and not exists (select 1 from wecom_mass_messages m where m.workspace_id = a.workspace_id and m.action_id = a.id)
    limit 500`);
  let queued = 0;
  for (const a of missing) {
    if (await enqueueJob(database, MASS_CREATE_JOB, { workspaceId: a.workspaceId, actionId: a.id }, { singletonKey: `${MASS_CREATE_JOB}:${a.id}` })) queued++;
  }
  return queued;
}
