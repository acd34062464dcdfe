import { randomBytes } from 'node:crypto';
import { sql } from '../../db/client.js';
import type { ChannelAdapter, OutboundAction } from '../types.js';
import { PermanentDeliveryError } from '../types.js';
import type { EventInput } from '../../modules/tracking/event-contract.js';
import { createCommunity } from '../../modules/community/communities.js';

export const SANDBOX_BOT = { channel: 'sandbox' as const, externalId: 'shequn-bot', name: 'Shequn 助手' };

/**
 * The built-in chat platform. It "receives" an action by recording it as the platform would, and reports
 * what members of the group would see as ordinary events, so the timeline and rollups show it.
 */
export const sandboxAdapter: ChannelAdapter = {
  channel: 'sandbox',
  ratePerSecond: 50,
  membersOnThisMachine: true,
  async send(ctx, action) {
    await ctx.db.execute(sql`
      insert into sandbox_deliveries (workspace_id, action_id, community_external_id, member_external_id, kind, body)
      values (${ctx.workspaceId}, ${action.id}, ${action.community?.externalId ?? null}, ${action.member?.externalId ?? null}, ${action.kind}, ${JSON.stringify(action.payload)}::jsonb)
      on conflict do nothing`);
    return { events: deliveryEvents(action) };
  },
  // A sandbox group exists as soon as Shequn says so: the community row is the whole platform side.
  async createCommunity(ctx, input) {
    const externalId = `sandbox-${randomBytes(6).toString('hex')}`;
    await createCommunity(ctx, { ...input, subtype: input.subtype ?? undefined, channel: 'sandbox', externalId, tags: [] });
    return { externalId };
  },
};

function deliveryEvents(action: OutboundAction): EventInput[] {
  const at = new Date().toISOString();
  const community = action.community ? { channel: 'sandbox' as const, externalId: action.community.externalId, name: action.community.name } : undefined;
  const member = action.member?.externalId ? { channel: 'sandbox' as const, externalId: action.member.externalId, name: action.member.name } : undefined;
  const base = { id: `sandbox-${action.id}`, occurredAt: at };
  switch (action.kind) {
    case 'send_group':
      if (!community) throw new PermanentDeliveryError('send_group needs a community');
      return [{ ...base, type: 'message.sent', community, member: SANDBOX_BOT, data: {
        text: String(action.payload.text ?? ''), actionId: action.id,
        // A welcome names its newcomers: the platform shows them as mentions.
        ...(Array.isArray(action.payload.mentions) && action.payload.mentions.length ? { mentions: action.payload.mentions.map(String) } : {}),
      } }];
    case 'invite':
      if (!community || !member) throw new PermanentDeliveryError('invite needs a community and a member with a sandbox identity');
      return [{ ...base, type: 'member.joined', community, member, data: { scene: 'added_by_staff', actionId: action.id } }];
    case 'remove':
      if (!community || !member) throw new PermanentDeliveryError('remove needs a community and a member with a sandbox identity');
      return [{ ...base, type: 'member.left', community, member, data: { reason: 'removed', actionId: action.id } }];
    case 'send_private':
      // Private chats are not part of a group timeline; the delivery record above is the whole effect.
      return [];
    default:
      throw new PermanentDeliveryError(`the sandbox channel does not perform ${action.kind}`);
  }
}
