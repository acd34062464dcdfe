import { one, rows, sql, type Database } from '../../../db/client.js';
import { withTenant, type TenantCtx } from '../../../core/context.js';
import { AppError } from '../../../core/errors.js';
import { enqueueAction } from '../../automation/enqueue-action.js';
import { automated } from '../../automation/guardrails/contracts.js';

/** Fills `{{session.name}}` and `{{startsAt}}` (in the workspace's time zone); filled-in values are not read again. */
export function renderReminder(text: string, values: { name: string; startsAt: Date; timeZone: string }): string {
  const when = new Intl.DateTimeFormat('zh-CN', { timeZone: values.timeZone, month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false }).format(values.startsAt);
  const byName: Record<string, string> = { 'session.name': values.name, startsAt: when };
  return text.replace(/\{\{\s*([^{}]*?)\s*\}\}/g, (whole, name: string) => byName[name] ?? whole);
}

/**
 * One session's pre-heat reminder: the session is marked reminded by a guarded update (`reminded_at is
 * null`) and the group send is queued in the same transaction under the key `flash-sale:<id>:reminder`, so
 * two runs at once send it once. What keeps it from being sent (the group archived, an inbound-only
 * channel) is recorded on the session. Answers whether this call took the reminder.
 */
export async function remindSession(ctx: TenantCtx, id: string, now = new Date()): Promise<boolean> {
  const s = await one<{ name: string; startsAt: Date; communityId: string; text: string }>(ctx.db, sql`
    update flash_sale_sessions set reminded_at = now()
    where workspace_id = ${ctx.workspaceId} and id = ${id} and reminded_at is null and enabled and community_id is not null and reminder_text is not null
      and starts_at > ${now.toISOString()} and starts_at - make_interval(mins => remind_minutes_before) <= ${now.toISOString()}
    returning name, starts_at as "startsAt", community_id as "communityId", reminder_text as text`);
  if (!s) return false;
  const group = await one<{ channel: string; status: string }>(ctx.db, sql`
    select channel, status from communities where workspace_id = ${ctx.workspaceId} and id = ${s.communityId}`);
  let actionId: string | null = null;
  let error: string | null = null;
  if (group?.status !== 'active') error = `the reminder group is ${group?.status ?? 'gone'}`;
  else {
    const text = renderReminder(s.text, { name: s.name, startsAt: s.startsAt, timeZone: ctx.timeZone });
    try {
      actionId = (await enqueueAction(ctx, {
        idempotencyKey: `flash-sale:${id}:reminder`, kind: 'send_group', channel: group.channel, communityId: s.communityId,
        payload: { text, contentType: 'text', content: { text }, ...automated('marketing'), flashSale: { sessionId: id } },
      })).id;
    } catch (err) {
      // ensureOutbound refuses before writing anything, so the transaction is still good to commit.
      if (!(err instanceof AppError)) throw err;
      error = err.message;
    }
  }
  await ctx.db.execute(sql`update flash_sale_sessions set reminder_action_id = ${actionId}, reminder_error = ${error} where workspace_id = ${ctx.workspaceId} and id = ${id}`);
  return true;
}

/** The job: every session whose reminder time has come and that has not started, one transaction each. Answers how many it reminded. */
export async function runFlashSaleReminders(database: Database, now = new Date()): Promise<number> {
  const due = await rows<{ workspaceId: string; timeZone: string; id: string }>(database.db, sql`
    select s.workspace_id as "workspaceId", w.time_zone as "timeZone", s.id
    from flash_sale_sessions s join workspaces w on w.id = s.workspace_id
    where s.reminded_at is null and s.community_id is not null and s.enabled and s.reminder_text is not null
      and s.starts_at > ${now.toISOString()} and s.starts_at - make_interval(mins => s.remind_minutes_before) <= ${now.toISOString()}
    order by s.starts_at limit 500`);
  let sent = 0;
  for (const d of due) {
    if (await withTenant(database, { id: d.workspaceId, timeZone: d.timeZone }, { kind: 'system', name: 'flash_sale.remind' }, (ctx) => remindSession(ctx, d.id, now))) sent++;
  }
  return sent;
}
