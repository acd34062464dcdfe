import type { wecomClient } from './api-client.js';

export interface SendResult { status: number; sendTime: Date | null }

/** WeCom answers up to 1000 items a page; a group send by one owner to one chat is one item, found early. */
const PAGE_LIMIT = 1000;
/** A runaway cursor (a WeCom fault) must not keep the poll busy for ever. */
const MAX_PAGES = 20;

/**
 * The send result of one owner's mass message to one group: get_groupmsg_send_result (path/93338) with
 * {msgid, userid, limit, cursor}, paged by next_cursor. send_list items are {external_userid?, chat_id,
 * userid, status, send_time}: status 0 未发送, 1 已发送, 2 因客户不是好友导致发送失败, 3 因客户已经收到其他群发消息
 * 导致发送失败; send_time is in seconds. Null: WeCom lists nothing for this chat yet.
 */
export async function groupSendResult(client: ReturnType<typeof wecomClient>, msgid: string, userid: string, chatId: string): Promise<SendResult | null> {
  let cursor = '';
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer = await client.api('/cgi-bin/externalcontact/get_groupmsg_send_result', {
      msgid, userid, limit: PAGE_LIMIT, ...(cursor ? { cursor } : {}),
    });
    const list: Record<string, unknown>[] = Array.isArray(answer.send_list) ? answer.send_list : [];
    const item = list.find((x) => x.chat_id === chatId);
    if (item) {
      const seconds = Number(item.send_time ?? 0);
      return { status: Number(item.status ?? 0), sendTime: seconds > 0 ? new Date(seconds * 1000) : null };
    }
    cursor = typeof answer.next_cursor === 'string' ? answer.next_cursor : '';
    if (!cursor) return null;
  }
  return null;
}
