import type { TenantCtx } from '../../../core/context.js';
import type { StoredEvent } from '../../event-listeners.js';
import { normaliseForKeyword } from '../../automation/guardrails/opt-out-keywords.js';
import { checkInMember, type CheckInInput } from './check-in-member.js';
import { queueCheckInReply } from './check-in-reply.js';
import { KEYWORD_MAX_LENGTH } from './contracts.js';
import { readCheckInSettings } from './get-check-in-settings.js';

const EVENT_SOURCES: Record<string, CheckInInput['source']> = { keyword: 'keyword', button: 'button', import: 'import' };

const shortText = (e: StoredEvent) => e.type === 'message.sent' && !e.echo && typeof e.data.text === 'string' && e.data.text.length <= KEYWORD_MAX_LENGTH * 2;

/**
 * Event listener (src/modules/event-listeners.ts), in the intake transaction: a member's message whose
 * whole text is a check-in keyword (compared as opt-out keywords are: trimmed, NFKC, case ignored) and every
 * member.checked_in event (webhook API, imports, the member page's button) check the member in through
 * checkInMember. A keyword check-in is answered in its group when replies are on. Our own echoes never
 * count: the bot repeating "签到" must not check itself in.
 */
export async function recordCheckIns(ctx: TenantCtx, events: readonly StoredEvent[]): Promise<void> {
  const maybe = events.filter((e) => (e.type === 'member.checked_in' && !e.echo) || shortText(e));
  // Most batches hold neither; they should not pay for reading the settings.
  if (!maybe.length) return;
  const { settings } = await readCheckInSettings(ctx);
  if (!settings.enabled) return;
  const keywords = new Set(settings.keywords.map(normaliseForKeyword));
  const checkIns = maybe.filter((e) => e.type === 'member.checked_in' || keywords.has(normaliseForKeyword(e.data.text as string)));
  // One member's check-ins in time order (the earliest of a day is the one kept), members in id order so
  // two transactions lock members in the same order.
  checkIns.sort((a, b) => (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : a.occurredAt.getTime() - b.occurredAt.getTime()));
  for (const e of checkIns) {
    const keyword = e.type === 'message.sent';
    const source = keyword ? 'keyword' : EVENT_SOURCES[String(e.data.source)] ?? 'event';
    const result = await checkInMember(ctx, { memberId: e.memberId, at: e.occurredAt, source, communityId: e.communityId, eventId: e.id }, { settings });
    if (keyword && settings.replyEnabled && e.communityId) await queueCheckInReply(ctx, result, e.communityId, e.occurredAt);
  }
}
