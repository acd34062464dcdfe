import { z } from 'zod';
import { sql } from '../../db/client.js';
import type { TenantCtx } from '../../core/context.js';
import { paginate, pageQuerySchema, type Page } from '../../core/pagination.js';
import { MASS_STATUSES } from './mass-message-row.js';

export const massMessageSchema = z.object({
  id: z.uuid(),
  actionId: z.uuid(),
  staffTaskId: z.uuid().nullable(),
  staffTaskStatus: z.string().nullable(),
  communityId: z.uuid().nullable(),
  communityName: z.string().nullable(),
  chatId: z.string().nullable(),
  sender: z.string().nullable().meta({ description: 'the group owner\'s WeCom userid, who confirms the send; null when unknown' }),
  msgid: z.string().nullable().meta({ description: 'WeCom\'s id of the mass-message task (add_msg_template)' }),
  status: z.enum(MASS_STATUSES).meta({ description: 'pending: not yet made in WeCom; created: waiting for the owner to tap 发送; sent, failed, cancelled: settled' }),
  text: z.string(),
  error: z.string().nullable().meta({ description: 'why it failed or was cancelled, in plain words' }),
  note: z.string().nullable().meta({ description: 'what the WeCom task left out, for the staff member to add by hand' }),
  sendTime: z.date().nullable(),
  lastPolledAt: z.date().nullable(),
  createdAt: z.date(),
});
export type MassMessage = z.infer<typeof massMessageSchema>;

export const listMassMessagesSchema = pageQuerySchema.extend({
  status: z.enum(MASS_STATUSES, `status: one of ${MASS_STATUSES.join(', ')}`).optional(),
});

/** The workspace's WeCom group mass messages, newest first. */
export function listMassMessages(ctx: TenantCtx, q: z.infer<typeof listMassMessagesSchema>): Promise<Page<MassMessage>> {
  return paginate<MassMessage>(ctx.db, q, sql`
    select m.id, m.action_id as "actionId", m.staff_task_id as "staffTaskId", t.status as "staffTaskStatus",
      m.community_id as "communityId", c.name as "communityName", m.chat_id as "chatId", m.sender, m.msgid, m.status,
      coalesce(a.payload->>'text', '') as text, m.error, m.note, m.send_time as "sendTime", m.last_polled_at as "lastPolledAt", m.created_at as "createdAt"
    from wecom_mass_messages m
    left join staff_tasks t on t.workspace_id = m.workspace_id and t.id = m.staff_task_id
    left join communities c on c.workspace_id = m.workspace_id and c.id = m.community_id
    left join actions a on a.workspace_id = m.workspace_id and a.id = m.action_id
    where m.workspace_id = ${ctx.workspaceId} ${q.status ? sql`and m.status = ${q.status}` : sql``}`,
  sql`"createdAt" desc, id desc`);
}
