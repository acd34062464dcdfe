import type { Database } from '../../db/client.js';
import { rows, sql } from '../../db/client.js';
import { withTenant, type TenantCtx } from '../../core/context.js';
import { adapterFor } from '../../channels/registry.js';
import { PermanentDeliveryError, type ChannelAdapter } from '../../channels/types.js';
import { channelRefs } from '../community/channel-refs.js';
import { ingestEvents } from '../tracking/ingest-events.js';
import { checkDelivery, type DeliveryVerdict } from './guardrails/check-delivery.js';
import { deliverTaskAction, isTaskAction } from './tasks/deliver-task-action.js';
import { handOverToStaff, needsStaff } from './tasks/hand-over-to-staff.js';

export const MAX_ATTEMPTS = 6;
/**
 * A claimed action not finished within the lease is taken again (the worker died mid-send). Sandbox
 * deliveries commit with their status change, so re-taking one never sends twice. SHEQUN_OUTBOX_LEASE_SECONDS
 * shortens it for the crash test; a real adapter's send must finish well within it.
 */
const LEASE_SECONDS = Math.max(1, Number(process.env.SHEQUN_OUTBOX_LEASE_SECONDS) || 120);
const backoffSeconds = (attempts: number) => Math.min(3600, 5 * 2 ** (attempts - 1));

interface Claimed { workspaceId: string; timeZone: string; id: string; kind: string; channel: string; communityId: string | null; memberId: string | null; payload: Record<string, any>; attempts: number }

const nextSlot = new Map<string, number>();
async function respectRate(channel: string, perSecond: number): Promise<void> {
  const now = Date.now();
  const slot = Math.max(now, nextSlot.get(channel) ?? 0);
  nextSlot.set(channel, slot + 1000 / perSecond);
  if (slot > now) await new Promise((r) => setTimeout(r, slot - now));
}

/**
 * Delivers due outbox actions. Claiming uses FOR UPDATE SKIP LOCKED so several workers share the load;
 * for in-database channels (sandbox) the delivery, its events and the status change commit together.
 * Automated messages pass the guardrails first (opt-out, quiet hours, caps); one they hold back is not
 * counted in the tally: it was neither sent nor failed.
 */
export async function dispatchActions(database: Database, limit = 50): Promise<{ sent: number; failed: number; retried: number }> {
  const claimed = await rows<Claimed>(database.db, sql`
    with due as (
      select workspace_id, id from actions
      where status in ('pending', 'sending') and next_attempt_at <= now()
      order by next_attempt_at limit ${limit} for update skip locked
    )
    update actions a set status = 'sending', attempts = a.attempts + 1, next_attempt_at = now() + make_interval(secs => ${LEASE_SECONDS})
    from due, workspaces w
    where a.workspace_id = due.workspace_id and a.id = due.id and w.id = a.workspace_id
    returning a.workspace_id as "workspaceId", w.time_zone as "timeZone", a.id, a.kind, a.channel, a.community_id as "communityId",
              a.member_id as "memberId", a.payload, a.attempts`);
  const tally = { sent: 0, failed: 0, retried: 0 };
  for (const action of claimed) {
    const ws = { id: action.workspaceId, timeZone: action.timeZone };
    const actor = { kind: 'system' as const, name: 'outbox' };
    const adapter = adapterFor(action.channel);
    try {
      // A staff task or an alert is delivered to Shequn's own staff, not to a chat platform.
      if (isTaskAction(action.kind)) {
        await withTenant(database, ws, actor, (ctx) => deliverTaskAction(ctx, action));
        tally.sent++;
        continue;
      }
      if (!adapter) throw new PermanentDeliveryError(`no outbound adapter for channel ${action.channel}`);
      const assisted = needsStaff(adapter, action.kind);
      if (!assisted) await respectRate(action.channel, adapter.ratePerSecond);
      const delivered = await withTenant(database, ws, actor, async (ctx) => {
        const verdict = await checkDelivery(ctx, action);
        if (verdict.decision !== 'send') {
          await holdBack(ctx, action.id, verdict);
          return false;
        }
        // The platform makes a person confirm this send: it waits as their task ('awaiting_staff').
        if (assisted) {
          await handOverToStaff(ctx, action);
          return true;
        }
        const refs = await channelRefs(ctx, action.channel, action.communityId, action.memberId);
        const result = await adapter.send(ctx, { ...action, ...refs });
        if (result.events.length) await ingestEvents(ctx, result.events);
        await ctx.db.execute(sql`update actions set status = 'sent', sent_at = now(), last_error = null where workspace_id = ${ctx.workspaceId} and id = ${action.id}`);
        return true;
      });
      if (delivered) tally.sent++;
      if (delivered && assisted) await afterHandOver(database, adapter, action);
    } catch (err) {
      const permanent = err instanceof PermanentDeliveryError || action.attempts >= MAX_ATTEMPTS;
      await withTenant(database, ws, actor, (ctx) => ctx.db.execute(sql`
        update actions set status = ${permanent ? 'failed' : 'pending'}, last_error = ${(err as Error).message.slice(0, 500)},
          next_attempt_at = now() + make_interval(secs => ${backoffSeconds(action.attempts)})
        where workspace_id = ${ctx.workspaceId} and id = ${action.id}`));
      if (permanent) tally.failed++; else tally.retried++;
    }
  }
  return tally;
}

/**
 * The adapter's follow-up to a committed hand-over (adapter.handedOver). It runs outside the hand-over
 * transaction because it may call the platform; its failure must not reach the catch above, which would put
 * an action already waiting for staff back in the queue. Adapters catch up on their own (WeCom's poll).
 */
async function afterHandOver(database: Database, adapter: ChannelAdapter, action: Claimed): Promise<void> {
  try {
    await adapter.handedOver?.(database, { workspaceId: action.workspaceId, id: action.id, kind: action.kind });
  } catch (err) {
    console.error(`outbox: follow-up of hand-over ${action.id} on ${action.channel} failed: ${(err as Error).message}`);
  }
}

/**
 * An automated message the guardrails stop (src/modules/automation/guardrails/check-delivery.ts). The claim
 * above already set it 'sending' with a lease and counted an attempt; held back, it must release both, or
 * it would sit as 'sending' until the lease ran out and a member's quiet night would eat into the attempts
 * that are meant for delivery failures. This update commits with the check that decided it (and under the
 * cap lock the check took), so a concurrent worker either sees the action still claimed or already
 * released. A crash before this commit changes nothing: the lease runs out and the action is claimed and
 * judged again, at worst one attempt the poorer, as for any crash mid-send.
 */
async function holdBack(ctx: TenantCtx, id: string, verdict: Exclude<DeliveryVerdict, { decision: 'send' }>): Promise<void> {
  if (verdict.decision === 'cancel') {
    await ctx.db.execute(sql`
      update actions set status = 'cancelled', attempts = greatest(attempts - 1, 0), last_error = ${verdict.reason}
      where workspace_id = ${ctx.workspaceId} and id = ${id}`);
    return;
  }
  await ctx.db.execute(sql`
    update actions set status = 'pending', attempts = greatest(attempts - 1, 0), next_attempt_at = ${verdict.until.toISOString()}::timestamptz
    where workspace_id = ${ctx.workspaceId} and id = ${id}`);
}
