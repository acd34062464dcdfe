import type { TenantCtx } from '../core/context.js';
import type { EventType, NormalisedEvent } from './tracking/event-contract.js';
import { identityKey } from './community/resolve-refs.js';
import { recordKeywordOptOuts } from './automation/guardrails/record-keyword-opt-outs.js';
import { recordEventFirings } from './automation/triggers/record-event-firings.js';
import { recordWelcomeJoins } from './automation/welcome/record-welcome-joins.js';
import { cancelWelcomesOnLeave } from './automation/welcome/cancel-welcomes-on-leave.js';
import { attributeLiveCodeJoins } from './growth/live-codes/attribute-live-code-joins.js';
import { recordFissionJoins } from './growth/fission/record-fission-joins.js';
import { recordCheckIns } from './growth/check-in/record-check-ins.js';
import { awardEventPoints } from './loyalty/points/award-event-points.js';
import { recordDistributionEvents } from './commerce/distribution/record-distribution-events.js';
import { judgeEvents } from './moderation/judge-events.js';

/** One event just stored by the intake, with its member and community resolved to ids. */
export interface StoredEvent {
  id: string;
  type: EventType;
  occurredAt: Date;
  memberId: string;
  /** null for events outside any group (page views, orders). */
  communityId: string | null;
  /** The member's channel (sandbox, wecom...). */
  channel: string;
  data: Record<string, any>;
  /** The platform reporting one of our own actions back (data.actionId): not something a member did. */
  echo: boolean;
}

/**
 * Called by the intake inside its transaction, after the events and their effects are stored, with only
 * the events stored for the first time (a re-ingested duplicate is never passed twice). A listener that
 * throws rolls the whole batch back, so listeners must only fail when the batch must not be stored.
 */
export type EventListener = (ctx: TenantCtx, events: readonly StoredEvent[]) => Promise<void>;

/**
 * Modules that react to events as they arrive. This composition lives outside the tracking module so
 * intake never depends on the modules that listen to it; a new listener adds one line here.
 */
export const EVENT_LISTENERS: readonly EventListener[] = [
  recordKeywordOptOuts,
  recordWelcomeJoins,
  cancelWelcomesOnLeave,
  recordEventFirings,
  attributeLiveCodeJoins,
  // After attributeLiveCodeJoins: a fission invite is a live-code join under a participant's source.
  recordFissionJoins,
  // Before awardEventPoints: a check-in takes its member's check-in lock before any points account lock.
  recordCheckIns,
  awardEventPoints,
  recordDistributionEvents,
  // Last: moderation only queues actions and logs, so every other module has already reacted to the message
  // (a check-in still counts), and its member strike lock comes after every other module's locks.
  judgeEvents,
];

/** Runs every listener, in order, on the freshly stored events of one intake batch. */
export async function notifyEventListeners(ctx: TenantCtx, fresh: readonly NormalisedEvent[], communities: Map<string, string>, members: Map<string, string>): Promise<void> {
  if (!fresh.length) return;
  const stored: StoredEvent[] = fresh.map((e) => ({
    id: e.id,
    type: e.type,
    occurredAt: e.occurredAt,
    memberId: members.get(identityKey(e.member.channel, e.member.externalId))!,
    communityId: e.community ? communities.get(identityKey(e.community.channel, e.community.externalId)) ?? null : null,
    channel: e.member.channel,
    data: e.data,
    echo: !!e.data.actionId,
  }));
  for (const listener of EVENT_LISTENERS) await listener(ctx, stored);
}
