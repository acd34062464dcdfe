import { one, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { automationClass } from './contracts.js';
import { getGuardrailSettings } from './get-guardrail-settings.js';
import { nextDayAllowedAt, quietHours } from './quiet-hours.js';
import { localDayBounds } from './local-time.js';
import { countSentToday, lockCapTarget, type CapTarget } from './count-sent-today.js';

export interface DeliveryCandidate {
  kind: string;
  communityId: string | null;
  memberId: string | null;
  payload: Record<string, unknown>;
}

export type DeliveryVerdict =
  | { decision: 'send' }
  | { decision: 'cancel'; reason: string }
  | { decision: 'postpone'; until: Date; reason: string };

const SEND: DeliveryVerdict = { decision: 'send' };

/**
 * Whether an outbox action may go out now (docs/automation.md, "Guardrails"). Only automated messages
 * (payload.automated === true) are judged; in order: a private message to an opted-out member is
 * cancelled; in quiet hours the message waits for their end; over the day's cap it waits for the next
 * local day. Must run in the transaction that then sends and marks the action sent: for a capped message
 * it takes the lock that keeps the count true until that commit.
 */
export async function checkDelivery(ctx: TenantCtx, action: DeliveryCandidate): Promise<DeliveryVerdict> {
  const cls = automationClass(action.payload);
  if (!cls || (action.kind !== 'send_private' && action.kind !== 'send_group')) return SEND;
  const { settings } = await getGuardrailSettings(ctx);
  // The database's clock, the one sent_at is written with, so today's count and "now" agree.
  const state = (await one<{ now: Date; optedOut: boolean | null }>(ctx.db, sql`
    select now() as now,
      (select opted_out from members where workspace_id = ${ctx.workspaceId} and id = ${action.memberId}) as "optedOut"`))!;
  const now = new Date(state.now);

  if (action.kind === 'send_private' && state.optedOut) return { decision: 'cancel', reason: 'member opted out' };

  const quiet = quietHours(now, ctx.timeZone, settings.quietHours);
  if (quiet.quiet) return { decision: 'postpone', until: quiet.allowedAt, reason: 'quiet hours' };

  if (cls !== 'marketing') return SEND;
  const target: CapTarget | null = action.kind === 'send_private'
    ? (action.memberId ? { kind: 'send_private', memberId: action.memberId } : null)
    : (action.communityId ? { kind: 'send_group', communityId: action.communityId } : null);
  const cap = action.kind === 'send_private' ? settings.memberMarketingPerDay : settings.groupMarketingPerDay;
  if (!target || cap === null) return SEND;
  await lockCapTarget(ctx, target);
  const day = localDayBounds(now.getTime(), ctx.timeZone);
  const sent = await countSentToday(ctx, target, new Date(day.start), new Date(day.end));
  if (sent < cap) return SEND;
  return { decision: 'postpone', until: nextDayAllowedAt(now, ctx.timeZone, settings.quietHours), reason: `daily cap of ${cap} reached` };
}
