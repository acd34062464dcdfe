import { one, sql, type Database } from '../../db/client.js';
import { withTenant, type TenantCtx } from '../../core/context.js';
import { wecomClient, WecomApiError } from './api-client.js';
import { corpCredentials, type CorpCredentials } from './corps.js';
import { massAttachments } from './mass-attachments.js';
import { MASS_ACTOR, MASS_COLUMNS, markTaskTitle, settleMassRow, workspaceRef, type MassRow, type MassStatus } from './mass-message-row.js';

export interface CreateMassInput { workspaceId: string; actionId: string }

interface Plan { row: MassRow; creds: CorpCredentials; body: Record<string, unknown>; note: string | null }

/** WeCom's limit on text.content (path/92135): 4000 bytes. */
const MAX_TEXT_BYTES = 4000;

/**
 * Creates the WeCom group mass-message task (add_msg_template, chat_type group, path/92135) of a send_group
 * action handed over to staff, so the group owner only taps 发送. Idempotent: the action's row is created
 * once and leaves 'pending' once, so a re-run job or a second hand-over never makes a second WeCom task.
 * Credentials are read in one transaction, WeCom is called outside any, the answer written in another.
 * A WeCom error worth retrying is thrown for the job to retry, except on its last attempt.
 */
export async function createMassMessage(database: Database, input: CreateMassInput, opts: { lastAttempt?: boolean } = {}): Promise<MassStatus | null> {
  const ws = await workspaceRef(database, input.workspaceId);
  if (!ws) return null;
  const plan = await withTenant(database, ws, MASS_ACTOR, (ctx) => prepare(ctx, input.actionId));
  if (!plan || 'settled' in plan) return plan?.settled ?? null;
  let answer: Record<string, any>;
  try {
    answer = await wecomClient(plan.creds).api('/cgi-bin/externalcontact/add_msg_template', plan.body);
  } catch (err) {
    if (!(err instanceof WecomApiError) || (!err.permanent && !opts.lastAttempt)) throw err;
    await withTenant(database, ws, MASS_ACTOR, async (ctx) => {
      if (await settleMassRow(ctx, plan.row.id, 'pending', { status: 'failed', error: err.message })) {
        await markTaskTitle(ctx, plan.row.staffTaskId, '（企业微信群发未创建，请手动发送）');
      }
    });
    return 'failed';
  }
  const failList: unknown[] = Array.isArray(answer.fail_list) ? answer.fail_list : [];
  const refused = failList.map(String).includes(plan.row.chatId ?? '');
  const msgid = typeof answer.msgid === 'string' && answer.msgid ? answer.msgid : null;
  const status: MassStatus = refused || !msgid ? 'failed' : 'created';
  await withTenant(database, ws, MASS_ACTOR, async (ctx) => {
    const error = refused
      ? 'WeCom could not send to this group (it is in fail_list): the owner may have left it, or it was dismissed'
      : !msgid ? 'WeCom answered without a msgid' : null;
    if (!(await settleMassRow(ctx, plan.row.id, 'pending', { status, error, msgid, note: plan.note }))) return;
    await markTaskTitle(ctx, plan.row.staffTaskId, status === 'created'
      ? '（已建企业微信群发：群主在企业微信点「发送」即可）'
      : '（企业微信群发未创建，请手动发送）');
  });
  return status;
}

interface Source {
  kind: string; status: string; communityId: string | null; payload: Record<string, unknown>;
  taskId: string | null; taskStatus: string | null; corpRowId: string | null; chatId: string | null; owner: string | null;
}

/** Reads what the WeCom task needs and makes the action's row; answers why there is nothing to call WeCom for. */
async function prepare(ctx: TenantCtx, actionId: string): Promise<Plan | { settled: MassStatus } | null> {
  const a = await one<Source>(ctx.db, sql`
    select a.kind, a.status, a.community_id as "communityId", a.payload, t.id as "taskId", t.status as "taskStatus",
      g.corp_row_id as "corpRowId", g.chat_id as "chatId", g.owner_userid as owner
    from actions a
    left join staff_tasks t on t.workspace_id = a.workspace_id and t.action_id = a.id
    left join wecom_groups g on g.workspace_id = a.workspace_id and g.community_id = a.community_id
    where a.workspace_id = ${ctx.workspaceId} and a.id = ${actionId} and a.channel = 'wecom'`);
  if (!a || a.kind !== 'send_group' || !a.taskId) return null;
  await ctx.db.execute(sql`
    insert into wecom_mass_messages (workspace_id, action_id, staff_task_id, community_id, corp_row_id, chat_id, sender)
    values (${ctx.workspaceId}, ${actionId}, ${a.taskId}, ${a.communityId}, ${a.corpRowId}, ${a.chatId}, ${a.owner})
    on conflict (workspace_id, action_id) do nothing`);
  const row = (await one<MassRow>(ctx.db, sql`
    select ${MASS_COLUMNS} from wecom_mass_messages where workspace_id = ${ctx.workspaceId} and action_id = ${actionId} for update`))!;
  if (row.status !== 'pending') return { settled: row.status };
  const give = async (status: MassStatus, error: string, title: string) => {
    await settleMassRow(ctx, row.id, 'pending', { status, error });
    await markTaskTitle(ctx, row.staffTaskId, title);
    return { settled: status };
  };
  if (a.status !== 'awaiting_staff' || a.taskStatus !== 'open') {
    return give('cancelled', 'the staff task was closed in Shequn before the WeCom task was made', '');
  }
  if (!a.corpRowId || !a.chatId) {
    return give('failed', 'Shequn does not know which connected corp this group belongs to (group sync has not read it): send it by hand', '（未建企业微信群发：未同步此群，请手动发送）');
  }
  if (!a.owner) {
    return give('failed', 'the group owner\'s WeCom userid is not known yet (group sync reads it), and only the owner can send to the group: send it by hand', '（未建企业微信群发：群主未知，请手动发送）');
  }
  const full = typeof a.payload.text === 'string' ? a.payload.text : '';
  const text = truncateBytes(full, MAX_TEXT_BYTES);
  const { attachments, left } = massAttachments(a.payload.media);
  if (text !== full) left.unshift(`text: cut to WeCom's ${MAX_TEXT_BYTES} bytes`);
  if (!text && !attachments.length) {
    return give('failed', 'nothing WeCom can send: no text and no attachment it takes', '（未建企业微信群发：内容无法发送，请手动发送）');
  }
  const body = {
    chat_type: 'group', sender: a.owner, chat_id_list: [a.chatId],
    ...(text ? { text: { content: text } } : {}), ...(attachments.length ? { attachments } : {}),
  };
  return { row, creds: await corpCredentials(ctx, a.corpRowId), body, note: left.length ? `left out, add by hand: ${left.join('; ')}`.slice(0, 1000) : null };
}

function truncateBytes(text: string, max: number): string {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= max) return text;
  // Cut on a character boundary: a broken UTF-8 sequence would turn into a replacement character.
  let end = max;
  while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end).toString('utf8');
}
