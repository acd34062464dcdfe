import { one, rows, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { AppError, notFound } from '../../../core/errors.js';
import { ingestEvents } from '../../tracking/ingest-events.js';
import type { Channel } from '../../tracking/event-contract.js';
import { checkInOn } from './check-in-row.js';
import type { CheckInResult, MilestoneAward } from './contracts.js';
import { localDay } from './days.js';
import { readCheckInSettings } from './get-check-in-settings.js';
import { checkedInDays } from './member-check-ins.js';
import { streakAround } from './streaks.js';

/**
 * The member page's check-in button. It reports what the member did as a member.checked_in event (source
 * button) through the intake, so it lands in the event log and the member's timeline like any other
 * check-in, and the intake's listener (record-check-ins.ts) decides it through checkInMember: one path for
 * every source. The event id is the member and the local day, so a double click is one event.
 */
export async function checkInByButton(ctx: TenantCtx, memberId: string): Promise<CheckInResult> {
  const { settings } = await readCheckInSettings(ctx);
  if (!settings.enabled) throw new AppError('conflict', 'check-in is switched off in this workspace');
  const identity = await one<{ channel: Channel; externalId: string }>(ctx.db, sql`
    select channel, external_id as "externalId" from member_identities
    where workspace_id = ${ctx.workspaceId} and member_id = ${memberId} order by created_at, channel limit 1`);
  if (!identity) throw notFound('member');
  const now = new Date();
  const day = localDay(now, ctx.timeZone);
  const eventId = `check-in:button:${memberId}:${day}`;
  const [answer] = await ingestEvents(ctx, [{
    id: eventId, type: 'member.checked_in', occurredAt: now.toISOString(),
    member: { channel: identity.channel, externalId: identity.externalId }, data: { source: 'button' },
  }]);
  if (answer?.status === 'error') throw new Error(`check-in event refused by the intake: ${answer.error}`);
  const checkIn = await checkInOn(ctx, memberId, day);
  if (!checkIn) throw new Error(`check-in of member ${memberId} on ${day} was not recorded`);
  const created = answer?.status === 'stored' && (await one(ctx.db, sql`
    select 1 from check_ins where workspace_id = ${ctx.workspaceId} and id = ${checkIn.id} and event_id = ${eventId}`)) !== undefined;
  const milestones = created ? await rows<MilestoneAward>(ctx.db, sql`
    select days, to_char(reached_on, 'YYYY-MM-DD') as "reachedOn", points, cards from check_in_milestones
    where workspace_id = ${ctx.workspaceId} and check_in_id = ${checkIn.id} order by days`) : [];
  const streak = streakAround(await checkedInDays(ctx, memberId), day, settings.resetPeriod, day)?.length ?? 1;
  return { checkIn, created, streak, milestones };
}
