import { one, rows, sql, texts } from '../../db/client.js';
import type { TenantCtx } from '../../core/context.js';
import { notFound } from '../../core/errors.js';
import type { JoinWayView } from './join-way-contracts.js';

/** A live code's WeCom join way as stored by the last sync, with the chosen chats' names. */
export async function readJoinWay(ctx: TenantCtx, liveCodeId: string): Promise<JoinWayView> {
  const code = await one<{ channel: string; enabled: boolean }>(ctx.db, sql`
    select channel, enabled from live_codes where workspace_id = ${ctx.workspaceId} and id = ${liveCodeId}`);
  if (!code) throw notFound('live code');
  const r = await one<Omit<JoinWayView, 'liveCodeId' | 'status' | 'chats'> & { chatIds: string[] }>(ctx.db, sql`
    select corp_row_id as "corpRowId", config_id as "configId", qr_code as "qrCode", chat_ids as "chatIds", state,
           room_base_name as "roomBaseName", room_base_id as "roomBaseId", synced_at as "syncedAt", last_error as "lastError", last_error_at as "lastErrorAt"
    from wecom_join_ways where workspace_id = ${ctx.workspaceId} and live_code_id = ${liveCodeId}`);
  const known = r?.chatIds.length ? await rows<{ chatId: string; communityId: string; name: string }>(ctx.db, sql`
    select g.chat_id as "chatId", g.community_id as "communityId", coalesce(g.name, c.name) as name
    from wecom_groups g join communities c on c.workspace_id = g.workspace_id and c.id = g.community_id
    where g.workspace_id = ${ctx.workspaceId} and g.corp_row_id = ${r.corpRowId} and g.chat_id = any(${texts(r.chatIds)})`) : [];
  const byChat = new Map(known.map((k) => [k.chatId, k]));
  const wanted = code.channel === 'wecom' && code.enabled;
  const status = !wanted ? 'none' : r?.lastError ? 'error' : r?.qrCode ? 'ready' : 'pending';
  return {
    liveCodeId, status,
    corpRowId: r?.corpRowId ?? null, configId: r?.configId ?? null, qrCode: r?.qrCode ?? null,
    chats: (r?.chatIds ?? []).map((chatId) => byChat.get(chatId) ?? { chatId, communityId: null, name: null }),
    state: r?.state ?? null, roomBaseName: r?.roomBaseName ?? null, roomBaseId: r?.roomBaseId ?? null,
    syncedAt: r?.syncedAt ?? null, lastError: r?.lastError ?? null, lastErrorAt: r?.lastErrorAt ?? null,
  };
}
