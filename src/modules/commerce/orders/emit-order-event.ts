import type { TenantCtx } from '../../../core/context.js';
import { getMember } from '../../community/members.js';
import { getCommunity } from '../../community/communities.js';
import { ingestEvents } from '../../tracking/ingest-events.js';
import { getDistributor } from '../distribution/index.js';

export interface OrderEvent { type: 'order.paid' | 'order.refunded'; eventId: string; orderId: string; memberId: string; communityId: string | null; amountCents: number; currency: string; distributorId?: string | null }

/**
 * Puts an order's payment or refund on the spine as a normalised event, through the one intake verb, in the
 * caller's transaction: the points ledger, distribution and template outcomes react to it there. Events name
 * members by channel identity, so the member's first identity is used (and the community's, when the order
 * is attributed to one). The event id is stable per payment or refund, so a replay is a duplicate. A member
 * with no channel identity cannot be named in an event; nothing is emitted for them (answers false). An order
 * attributed to an approved distributor carries its code as `referral` on order.paid, so distribution binds
 * the buyer by its own rule before working out the commission.
 */
export async function emitOrderEvent(ctx: TenantCtx, e: OrderEvent): Promise<boolean> {
  const member = await getMember(ctx, e.memberId) as unknown as { identities: { channel: string; externalId: string }[] };
  const identity = member.identities[0];
  if (!identity) return false;
  const community = e.communityId ? await getCommunity(ctx, e.communityId).catch(() => null) : null;
  const distributor = e.type === 'order.paid' && e.distributorId ? await getDistributor(ctx, e.distributorId).catch(() => null) : null;
  const referral = distributor?.status === 'approved' && distributor.code ? distributor.code : null;
  const [result] = await ingestEvents(ctx, [{
    id: e.eventId,
    type: e.type,
    occurredAt: new Date().toISOString(),
    member: { channel: identity.channel, externalId: identity.externalId },
    ...(community ? { community: { channel: community.channel, externalId: community.externalId } } : {}),
    data: { orderId: e.orderId, amountCents: e.amountCents, currency: e.currency, ...(referral ? { referral } : {}) },
  }]);
  if (result?.status === 'error') throw new Error(`order event refused by intake: ${result.error}`);
  return true;
}
