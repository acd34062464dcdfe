import type { TenantCtx } from '../../core/context.js';
import { rows, sql } from '../../db/client.js';
import { communityEvents } from '../tracking/activity.js';
import { undeliveredActions } from '../automation/enqueue-action.js';
import { getCommunity } from './communities.js';

/**
 * A group's chat as members see it, newest first. Delivered outbound messages come back as events (marked
 * with their actionId); actions still queued or failed are listed on the first page with their status.
 */
export async function communityTimeline(ctx: TenantCtx, communityId: string, before: Date | undefined, limit: number) {
  await getCommunity(ctx, communityId);
  const events = await communityEvents(ctx, communityId, before, limit);
  const items = events.map((e) => ({
    id: e.id, type: e.type, occurredAt: e.occurredAt, memberId: e.memberId, memberName: e.memberName,
    text: typeof e.data.text === 'string' ? e.data.text : null, mediaType: e.data.mediaType ?? null, replyTo: e.data.replyTo ?? null,
    direction: e.data.actionId ? ('out' as const) : ('in' as const), status: e.data.actionId ? 'sent' : null,
  }));
  const actions = before ? [] : await undeliveredActions(ctx, communityId);
  const names = await memberNames(ctx, actions.map((a) => a.memberId).filter((id): id is string => !!id));
  const pending = actions.map((a) => ({
    id: `action-${a.id}`, type: a.kind, occurredAt: a.createdAt, memberId: a.memberId, memberName: a.memberId ? names.get(a.memberId) ?? null : null,
    text: typeof a.payload.text === 'string' ? a.payload.text : null, mediaType: null, replyTo: null,
    direction: 'out' as const, status: a.status === 'failed' ? `failed: ${a.lastError ?? ''}` : a.status,
  }));
  const last = events[events.length - 1];
  return { items: [...pending, ...items], nextBefore: events.length === limit && last ? last.occurredAt.toISOString() : null };
}

async function memberNames(ctx: TenantCtx, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const found = await rows<{ id: string; name: string }>(ctx.db, sql`
    select id, display_name as name from members where workspace_id = ${ctx.workspaceId} and id = any(${`{${[...new Set(ids)].join(',')}}`}::uuid[])`);
  return new Map(found.map((r) => [r.id, r.name]));
}
