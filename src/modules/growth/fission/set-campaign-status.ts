import { one, sql } from '../../../db/client.js';
import { actorUserId, type TenantCtx } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';
import { recordAudit } from '../../workspace/record-audit.js';
import type { Campaign, CampaignStatus } from './contracts.js';
import { getCampaign } from './campaign-row.js';

/**
 * Starts (active) or ends a campaign. Ending it stops new joins from counting; invites already pending
 * still qualify when their hold time passes, since those friends joined while it ran.
 */
export async function setCampaignStatus(ctx: TenantCtx, id: string, status: CampaignStatus): Promise<Campaign> {
  const row = await one<{ status: CampaignStatus }>(ctx.db, sql`
    select status from fission_campaigns where workspace_id = ${ctx.workspaceId} and id = ${id} for update`);
  if (!row) throw notFound('fission campaign');
  if (row.status !== status) {
    await ctx.db.execute(sql`
      update fission_campaigns set status = ${status}, updated_by = ${actorUserId(ctx.actor)}, updated_at = now()
      where workspace_id = ${ctx.workspaceId} and id = ${id}`);
    await recordAudit(ctx, `fission_campaign.${status}`, 'fission_campaign', id, { from: row.status });
  }
  return getCampaign(ctx, id);
}
