import type { TenantCtx } from '../core/context.js';
import type { Database } from '../db/client.js';
import type { EventInput } from '../modules/tracking/event-contract.js';
import type { ActionKind } from '../modules/automation/enqueue-action.js';

export interface OutboundAction {
  id: string;
  kind: string;
  channel: string;
  community: { id: string; externalId: string; name: string } | null;
  member: { id: string; externalId: string | null; name: string } | null;
  payload: Record<string, any>;
  attempts: number;
}

export interface DeliveryResult {
  /** Events the platform reports back (the bot's message appearing in the group, a member removed...). */
  events: EventInput[];
}

/** A permanent refusal (bad target, unsupported kind): retrying cannot help. */
export class PermanentDeliveryError extends Error {}

export interface ChannelAdapter {
  channel: string;
  /** Requests per second the platform tolerates; the dispatcher spaces sends to stay under it. */
  ratePerSecond: number;
  /**
   * Action kinds the platform lets only a person perform (WeCom group mass messages are confirmed in the
   * staff member's app). The dispatcher hands these to staff (src/modules/automation/tasks/hand-over-to-staff.ts)
   * instead of calling send.
   */
  assisted?: readonly ActionKind[];
  /**
   * Called by the dispatcher after an assisted action's hand-over to staff has committed, to start work
   * outside that transaction (WeCom creates its mass-message task, which is an HTTP call). A failure here
   * leaves the hand-over as it is; the adapter must be able to catch up later on its own.
   */
  handedOver?(database: Database, action: { workspaceId: string; id: string; kind: string }): Promise<void>;
  /**
   * The platform's members open links on this very machine (the sandbox, whose "members" are the operator
   * trying it out), so a tracked link on a loopback address still reaches them. Real platforms leave it unset.
   */
  membersOnThisMachine?: boolean;
  send(ctx: TenantCtx, action: OutboundAction): Promise<DeliveryResult>;
  /**
   * Opens a new group on the platform and answers its id there. Optional: a live code whose groups are all
   * full asks for one (src/modules/growth/live-codes/open-community.ts); without it the live code reports
   * its pool full. Called inside the caller's transaction, which holds the live code's lock, so one full
   * pool asks exactly once. The adapter may register the community row itself; the caller makes sure it exists.
   */
  createCommunity?(ctx: TenantCtx, input: NewCommunity): Promise<{ externalId: string }>;
}

export interface NewCommunity {
  name: string;
  type: 'basic' | 'vip' | 'distribution';
  subtype: string | null;
  /** Members the group is meant to hold. */
  capacity: number;
}
