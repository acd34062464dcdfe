import type { TenantCtx } from '../../core/context.js';
import { one, sql } from '../../db/client.js';
import { ingestEvents, type IngestResult } from '../../modules/tracking/ingest-events.js';
import { createCommunity, updateCommunity } from '../../modules/community/communities.js';
import { normaliseCallback, type Normalised } from './normalise.js';
import type { XmlFields } from './xml.js';

export interface Received { duplicate: boolean; kind: string; results: IngestResult[] }

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
  if (n.community) await applyCommunityChange(ctx, n.community);
  const results = n.events.length ? await ingestEvents(ctx, n.events) : [];
  return { duplicate: false, kind: n.kind, results };
}

async function applyCommunityChange(ctx: TenantCtx, change: NonNullable<Normalised['community']>): Promise<void> {
  const existing = await one<{ id: string; status: string }>(ctx.db, sql`
    select id, status from communities where workspace_id = ${ctx.workspaceId} and channel = 'wecom' and external_id = ${change.externalId}`);
  if (change.change === 'create') {
    // The callback carries only the chat id; the group's name comes with groupchat/get, which is not built
    // yet, so the id stands in until the operator renames it.
    if (!existing) await createCommunity(ctx, { name: change.externalId, type: 'basic', channel: 'wecom', externalId: change.externalId, capacity: 500, tags: [] });
    else if (existing.status === 'dismissed') await updateCommunity(ctx, existing.id, { status: 'active' });
    return;
  }
  if (change.change === 'dismiss' && existing && existing.status !== 'dismissed') await updateCommunity(ctx, existing.id, { status: 'dismissed' });
  // change_name / change_notice / change_owner: the callback says only that something changed, not what to;
  // the callback log keeps the fact until group sync reads the new values.
}
