import { randomBytes } from 'node:crypto';
import { one, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { AppError, notFound } from '../../../core/errors.js';
import { recordAudit } from '../../workspace/record-audit.js';
import type { Participant } from './contracts.js';
import { getParticipant } from './participant-row.js';

/** "fx-" and 60 random bits: short in a QR code, unguessable, and told apart from operators' own sources. */
export const newSource = () => `fx-${randomBytes(8).toString('base64url').slice(0, 10)}`;

const conflict = (path: string, message: string) => new AppError('conflict', `${path}: ${message}`, [{ path, message }]);

/**
 * A member takes part in a campaign (from the member page, or enrolled by an operator) and gets their own
 * source on its live code. Joining again answers the same participant: the poster's QR never changes.
 * Only an active campaign within its window takes new participants.
 */
export async function joinCampaign(ctx: TenantCtx, campaignId: string, memberId: string, now = new Date()): Promise<Participant> {
  const campaign = await one<{ status: string; startsAt: Date | null; endsAt: Date | null }>(ctx.db, sql`
    select status, starts_at as "startsAt", ends_at as "endsAt" from fission_campaigns where workspace_id = ${ctx.workspaceId} and id = ${campaignId}`);
  if (!campaign) throw notFound('fission campaign');
  const member = await one(ctx.db, sql`select 1 from members where workspace_id = ${ctx.workspaceId} and id = ${memberId}`);
  if (!member) throw notFound('member');
  const already = await one(ctx.db, sql`
    select 1 from fission_participants where workspace_id = ${ctx.workspaceId} and campaign_id = ${campaignId} and member_id = ${memberId}`);
  if (already) return getParticipant(ctx, campaignId, memberId);
  if (campaign.status !== 'active') throw conflict('campaignId', `the campaign is ${campaign.status}`);
  if (campaign.startsAt && now < campaign.startsAt) throw conflict('campaignId', 'the campaign has not started yet');
  if (campaign.endsAt && now > campaign.endsAt) throw conflict('campaignId', 'the campaign is over');
  // Two taps at once: the unique (campaign, member) key lets one insert win; the other reads it.
  const row = await one<{ id: string }>(ctx.db, sql`
    insert into fission_participants (workspace_id, campaign_id, member_id, source, joined_at)
    values (${ctx.workspaceId}, ${campaignId}, ${memberId}, ${newSource()}, ${now.toISOString()})
    on conflict (workspace_id, campaign_id, member_id) do nothing returning id`);
  if (row) await recordAudit(ctx, 'fission_campaign.participant_joined', 'fission_campaign', campaignId, { memberId, participantId: row.id });
  return getParticipant(ctx, campaignId, memberId);
}
