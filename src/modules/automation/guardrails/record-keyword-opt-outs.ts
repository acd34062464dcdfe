import type { TenantCtx } from '../../../core/context.js';
import type { StoredEvent } from '../../event-listeners.js';
import { getGuardrailSettings } from './get-guardrail-settings.js';
import { matchOptOutKeyword } from './opt-out-keywords.js';
import { markOptedOut, type OptOutEntry } from './mark-opted-out.js';

/**
 * Event listener: a member whose message is exactly an opt-out keyword is opted out in the intake's own
 * transaction, so no automated message dispatched after that commit can reach them. Echoes of our own
 * sends are skipped: the bot saying "TD" must not opt itself, or anyone, out.
 */
export async function recordKeywordOptOuts(ctx: TenantCtx, events: readonly StoredEvent[]): Promise<void> {
  const said = events.filter((e) => e.type === 'message.sent' && !e.echo && typeof e.data.text === 'string' && e.data.text.length <= 200);
  // Most batches hold no short message at all; they should not pay for reading the settings.
  if (!said.length) return;
  const { settings } = await getGuardrailSettings(ctx);
  const first = new Map<string, OptOutEntry>();
  for (const e of said) {
    const keyword = matchOptOutKeyword(e.data.text as string, settings.optOutKeywords);
    if (!keyword) continue;
    const prev = first.get(e.memberId);
    if (prev && prev.at <= e.occurredAt) continue;
    first.set(e.memberId, { memberId: e.memberId, at: e.occurredAt, source: 'keyword', keyword, eventId: e.id, actorUserId: null });
  }
  await markOptedOut(ctx, [...first.values()]);
}
