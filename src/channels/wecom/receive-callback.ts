import type { TenantCtx } from '../../core/context.js';
import { one, sql } from '../../db/client.js';
import { ingestEvents, type IngestResult } from '../../modules/tracking/ingest-events.js';
import { createCommunity, updateCommunity } from '../../modules/community/communities.js';
import { normaliseCallback, type Normalised } from './normalise.js';
import type { XmlFields } from './xml.js';

export interface Received {
  duplicate: boolean; kind: string; results: IngestResult[];
  /** A group whose details only groupchat/get tells: the caller queues wecom.group.refresh once committed. */
  refresh?: { chatId: string; callbackKey: string };
}

// The callback says only that these changed, not what to: groupchat/get is asked (refresh-group.ts).
const REFRESHED = new Set(['create', 'change_name', 'change_notice', 'change_owner']);

/**
 * One decrypted callback, inside its workspace's transaction: the callback row first, so a retry of it (WeCom
 * resends until it hears "success" within 5 s) stops here, then the group's own row, then the events.
 */
export async function receiveCallback(ctx: TenantCtx, corpRowId: string, fields: XmlFields): Promise<Received> {
  const n = normaliseCallback(fields);
  const fresh = await one(ctx.db, sql`
    insert into wecom_callbacks (workspace_id, corp_row_id, dedupe_key, kind, events)
    values (${ctx.workspaceId}, ${corpRowId}, ${n.key}, ${n.kind}, ${n.events.length})
    on conflict do nothing returning 1 as x`);
  if (!fresh) return { duplicate: true, kind: n.kind, results: [] };
  if (n.community) await applyCommunityChange(ctx, corpRowId, n.community);
  const results = n.events.length ? await ingestEvents(ctx, n.events) : [];
  const refresh = n.community && REFRESHED.has(n.community.change) ? { chatId: n.community.externalId, callbackKey: n.key } : undefined;
  return { duplicate: false, kind: n.kind, results, ...(refresh ? { refresh } : {}) };
}

async function applyCommunityChange(ctx: TenantCtx, corpRowId: string, change: NonNullable<Normalised['community']>): Promise<void> {
  const existing = await one<{ id: string; status: string }>(ctx.db, sql`
    select id, status from communities where workspace_id = ${ctx.workspaceId} and channel = 'wecom' and external_id = ${change.externalId}`);
  if (change.change === 'create') {
    // The callback carries only the chat id: it stands in as the name until the queued refresh reads the real one.
    const id = existing?.id ?? (await createCommunity(ctx, { name: change.externalId, type: 'basic', channel: 'wecom', externalId: change.externalId, capacity: 500, tags: [] })).id;
    if (existing?.status === 'dismissed') await updateCommunity(ctx, existing.id, { status: 'active' });
    // synced_at stays null: a sync treats the group as not yet read.
    await ctx.db.execute(sql`insert into wecom_groups (workspace_id, corp_row_id, chat_id, community_id)
      values (${ctx.workspaceId}, ${corpRowId}, ${change.externalId}, ${id}) on conflict do nothing`);
    return;
  }
  if (change.change === 'dismiss' && existing && existing.status !== 'dismissed') await updateCommunity(ctx, existing.id, { status: 'dismissed' });
  // change_name / change_notice / change_owner change nothing here: the refresh the caller queues reads the new values.
}
