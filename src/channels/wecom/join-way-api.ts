import { z } from 'zod';
import type { wecomClient } from './api-client.js';

type Client = ReturnType<typeof wecomClient>;

/** WeCom takes at most five groups per 「加入群聊」 config (客户群「加入群聊」管理, path/92229). */
export const MAX_JOIN_WAY_CHATS = 5;
/** `state` is at most 30 characters (path/92229); a live code's slug is 8. */
export const MAX_STATE_LENGTH = 30;
/** scene 1 is a mini-program button, 2 a QR code (path/92229): members scan the code in WeChat. */
export const SCENE_QR_CODE = 2;

/** What Shequn configures on a join way; the same shape goes to add_join_way and update_join_way. */
export interface JoinWaySettings {
  remark: string;
  chatIds: string[];
  roomBaseName: string;
  roomBaseId: number;
  state: string;
}

const addAnswer = z.object({ config_id: z.string().min(1) });
const getAnswer = z.object({
  join_way: z.object({
    config_id: z.string().min(1),
    scene: z.number().int().optional(),
    remark: z.string().default(''),
    auto_create_room: z.number().int().optional(),
    room_base_name: z.string().default(''),
    room_base_id: z.number().int().optional(),
    chat_id_list: z.array(z.string()).default([]),
    qr_code: z.string().default(''),
    state: z.string().default(''),
  }),
});
export type JoinWay = z.infer<typeof getAnswer>['join_way'];

function parsed<T extends z.ZodType>(schema: T, body: unknown, api: string): z.infer<T> {
  const r = schema.safeParse(body);
  if (!r.success) throw new Error(`${api}: WeCom's answer did not have the documented shape (${r.error.issues[0]?.path.join('.')}: ${r.error.issues[0]?.message})`);
  return r.data;
}

function bodyOf(s: JoinWaySettings) {
  if (s.chatIds.length < 1 || s.chatIds.length > MAX_JOIN_WAY_CHATS) throw new Error(`a join way needs 1 to ${MAX_JOIN_WAY_CHATS} chat ids, not ${s.chatIds.length}`);
  if (s.state.length > MAX_STATE_LENGTH) throw new Error(`a join way's state is at most ${MAX_STATE_LENGTH} characters`);
  // auto_create_room 1: when the last group is full WeCom opens "<room_base_name><room_base_id>", then +1.
  return {
    scene: SCENE_QR_CODE, remark: s.remark, auto_create_room: 1, room_base_name: s.roomBaseName, room_base_id: s.roomBaseId,
    chat_id_list: s.chatIds, state: s.state,
  };
}

/** 配置客户群进群方式 (path/92229): answers the new config_id. */
export async function addJoinWay(client: Client, s: JoinWaySettings): Promise<string> {
  return parsed(addAnswer, await client.api('/cgi-bin/externalcontact/groupchat/add_join_way', bodyOf(s)), 'groupchat/add_join_way').config_id;
}

/** 获取客户群进群方式配置 (path/92229): the config as WeCom holds it, with its qr_code image URL. */
export async function getJoinWay(client: Client, configId: string): Promise<JoinWay> {
  return parsed(getAnswer, await client.api('/cgi-bin/externalcontact/groupchat/get_join_way', { config_id: configId }), 'groupchat/get_join_way').join_way;
}

/** 更新客户群进群方式配置 (path/92229): replaces the whole config; its QR code stays the same. */
export async function updateJoinWay(client: Client, configId: string, s: JoinWaySettings): Promise<void> {
  await client.api('/cgi-bin/externalcontact/groupchat/update_join_way', { config_id: configId, ...bodyOf(s) });
}

/** 删除客户群进群方式配置 (path/92229): its QR code stops working. */
export async function delJoinWay(client: Client, configId: string): Promise<void> {
  await client.api('/cgi-bin/externalcontact/groupchat/del_join_way', { config_id: configId });
}
