import { rows, sql, texts } from '../../db/client.js';
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

/** An action as enqueueActions answers it: `created` is false when its key had already been used. */
export type EnqueuedAction = ActionRow & { created: boolean };

/**
 * Asks for an effect on a chat platform. The same idempotency key always answers the same action, so a
 * retried request or a re-run rule never sends twice; the worker delivers it after the transaction commits.
 */
export async function enqueueAction(ctx: TenantCtx, req: ActionRequest): Promise<EnqueuedAction> {
  return (await enqueueActions(ctx, [req]))[0]!;
}

/**
 * enqueueAction for many at once, answered in the order asked: one INSERT for all of them (a day of SOP
 * pushes is tens of thousands), then one read of those whose key was taken. A key asked for twice in one
 * call is one action.
 */
export async function enqueueActions(ctx: TenantCtx, reqs: ActionRequest[]): Promise<EnqueuedAction[]> {
  if (!reqs.length) return [];
  for (const req of reqs) ensureOutbound(req.channel, req.kind);
  const requestedBy = actorUserId(ctx.actor);
  const input = reqs.map((r) => ({
    idempotency_key: r.idempotencyKey, kind: r.kind, channel: r.channel, community_id: r.communityId ?? null, member_id: r.memberId ?? null,
    payload: r.payload, not_before: r.notBefore?.toISOString() ?? null,
  }));
  const inserted = await rows<ActionRow & { key: string }>(ctx.db, sql`
    insert into actions (workspace_id, idempotency_key, kind, channel, community_id, member_id, payload, requested_by, next_attempt_at)
    select ${ctx.workspaceId}, x.idempotency_key, x.kind, x.channel, x.community_id, x.member_id, x.payload, ${requestedBy}::uuid, coalesce(x.not_before, now())
    from jsonb_to_recordset(${JSON.stringify(input)}::jsonb)
      as x(idempotency_key text, kind text, channel text, community_id uuid, member_id uuid, payload jsonb, not_before timestamptz)
    on conflict (workspace_id, idempotency_key) do nothing returning idempotency_key as key, ${COLUMNS}`);
  const byKey = new Map<string, EnqueuedAction>();
  for (const { key, ...row } of inserted) byKey.set(key, { ...row, created: true });
  const taken = reqs.map((r) => r.idempotencyKey).filter((k) => !byKey.has(k));
  for (const [key, row] of await actionsByKey(ctx, taken)) byKey.set(key, { ...row, created: false });
  return reqs.map((r) => byKey.get(r.idempotencyKey)!);
}

/** The actions already queued under these idempotency keys, by key. */
export async function actionsByKey(ctx: TenantCtx, keys: string[]): Promise<Map<string, ActionRow>> {
  if (!keys.length) return new Map();
  const found = await rows<ActionRow & { key: string }>(ctx.db, sql`
    select idempotency_key as key, ${COLUMNS} from actions where workspace_id = ${ctx.workspaceId} and idempotency_key = any(${texts([...new Set(keys)])})`);
  return new Map(found.map(({ key, ...row }) => [key, row]));
}

/** Outbound actions of a community that have not become chat events yet (pending, sending, awaiting staff or failed). */
export function undeliveredActions(ctx: TenantCtx, communityId: string): Promise<ActionRow[]> {
  return rows<ActionRow>(ctx.db, sql`
    select ${COLUMNS} from actions where workspace_id = ${ctx.workspaceId} and community_id = ${communityId}
      and status in ('pending', 'sending', 'awaiting_staff', 'failed') order by created_at desc limit 50`);
}
