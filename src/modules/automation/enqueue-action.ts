import { one, rows, sql } from '../../db/client.js';
import type { TenantCtx } from '../../core/context.js';
import { actorUserId } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import { adapterFor } from '../../channels/registry.js';

export const ACTION_KINDS = ['send_group', 'send_private', 'invite', 'remove', 'tag', 'staff_task', 'alert'] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

export interface ActionRequest {
  idempotencyKey: string;
  kind: ActionKind;
  channel: string;
  communityId?: string | null;
  memberId?: string | null;
  payload: Record<string, unknown>;
  /** Not delivered before this instant (a journey step, a scheduled push); default: as soon as possible. */
  notBefore?: Date;
}
export interface ActionRow { id: string; kind: ActionKind; memberId: string | null; status: string; attempts: number; lastError: string | null; createdAt: Date; sentAt: Date | null; payload: Record<string, unknown> }

const COLUMNS = sql`id, kind, member_id as "memberId", status, attempts, last_error as "lastError", created_at as "createdAt", sent_at as "sentAt", payload`;

/**
 * Refuses up front, rather than queueing to fail, an action on a group whose channel only brings events
 * in (webhook, imports): such a group can be read but not acted on.
 */
export function ensureOutbound(channel: string, kind?: ActionKind): void {
  // Staff tasks and alerts go to Shequn's own staff, whatever the group's channel.
  if (adapterFor(channel) || kind === 'staff_task' || kind === 'alert') return;
  const message = `the ${channel} channel only brings events in; Shequn cannot act on its groups`;
  throw new AppError('conflict', `community: ${message}`, [{ path: 'community', message }]);
}

/**
 * Asks for an effect on a chat platform. The same idempotency key always answers the same action, so a
 * retried request or a re-run rule never sends twice; the worker delivers it after the transaction commits.
 */
export async function enqueueAction(ctx: TenantCtx, req: ActionRequest): Promise<ActionRow> {
  ensureOutbound(req.channel, req.kind);
  const inserted = await one<ActionRow>(ctx.db, sql`
    insert into actions (workspace_id, idempotency_key, kind, channel, community_id, member_id, payload, requested_by, next_attempt_at)
    values (${ctx.workspaceId}, ${req.idempotencyKey}, ${req.kind}, ${req.channel}, ${req.communityId ?? null}, ${req.memberId ?? null},
            ${JSON.stringify(req.payload)}::jsonb, ${actorUserId(ctx.actor)}, coalesce(${req.notBefore?.toISOString() ?? null}::timestamptz, now()))
    on conflict (workspace_id, idempotency_key) do nothing returning ${COLUMNS}`);
  if (inserted) return inserted;
  return (await one<ActionRow>(ctx.db, sql`select ${COLUMNS} from actions where workspace_id = ${ctx.workspaceId} and idempotency_key = ${req.idempotencyKey}`))!;
}

/** Outbound actions of a community that have not become chat events yet (pending, sending, awaiting staff or failed). */
export function undeliveredActions(ctx: TenantCtx, communityId: string): Promise<ActionRow[]> {
  return rows<ActionRow>(ctx.db, sql`
    select ${COLUMNS} from actions where workspace_id = ${ctx.workspaceId} and community_id = ${communityId}
      and status in ('pending', 'sending', 'awaiting_staff', 'failed') order by created_at desc limit 50`);
}
