import { z } from 'zod';
import type { wecomClient } from './api-client.js';

type Client = ReturnType<typeof wecomClient>;

// WeCom omits fields it has nothing for (a staff member has no unionid, a group may have no notice), so
// everything but the ids is optional here and given a neutral default.
const listAnswer = z.object({
  group_chat_list: z.array(z.object({ chat_id: z.string().min(1), status: z.number().int().default(0) })).default([]),
  next_cursor: z.string().default(''),
});

const memberSchema = z.object({
  userid: z.string().min(1),
  type: z.number().int(),
  join_time: z.number().int().default(0),
  join_scene: z.number().int().default(0),
  invitor: z.object({ userid: z.string() }).optional(),
  group_nickname: z.string().default(''),
  name: z.string().default(''),
  unionid: z.string().optional(),
  state: z.string().optional(),
});

const detailAnswer = z.object({
  group_chat: z.object({
    chat_id: z.string().min(1),
    name: z.string().default(''),
    owner: z.string().default(''),
    create_time: z.number().int().default(0),
    notice: z.string().default(''),
    member_list: z.array(memberSchema).default([]),
    admin_list: z.array(z.object({ userid: z.string() })).default([]),
    member_version: z.string().optional(),
  }),
});

export type GroupChatPage = z.infer<typeof listAnswer>;
export type GroupChat = z.infer<typeof detailAnswer>['group_chat'];
export type GroupChatMember = z.infer<typeof memberSchema>;

/** groupchat/list's largest page (path/92120: limit 1 ~ 1000). */
export const LIST_LIMIT = 1000;

function parsed<T extends z.ZodType>(schema: T, body: unknown, api: string): z.infer<T> {
  const r = schema.safeParse(body);
  if (!r.success) throw new Error(`${api}: WeCom's answer did not have the documented shape (${r.error.issues[0]?.path.join('.')}: ${r.error.issues[0]?.message})`);
  return r.data;
}

/**
 * One page of the corp's customer groups (获取客户群列表, path/92120). status_filter 0 lists every group,
 * those of departed owners too: they are still the community's groups until handed over.
 */
export async function listGroupChats(client: Client, cursor: string, limit = LIST_LIMIT): Promise<GroupChatPage> {
  const body = await client.api('/cgi-bin/externalcontact/groupchat/list', { status_filter: 0, cursor, limit });
  return parsed(listAnswer, body, 'groupchat/list');
}

/** One group with its members (获取客户群详情, path/92122); need_name 1 asks for the members' names. */
export async function getGroupChat(client: Client, chatId: string): Promise<GroupChat> {
  const body = await client.api('/cgi-bin/externalcontact/groupchat/get', { chat_id: chatId, need_name: 1 });
  return parsed(detailAnswer, body, 'groupchat/get').group_chat;
}
