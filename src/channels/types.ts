import type { TenantCtx } from '../core/context.js';
import type { EventInput } from '../modules/tracking/event-contract.js';

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
  send(ctx: TenantCtx, action: OutboundAction): Promise<DeliveryResult>;
}
