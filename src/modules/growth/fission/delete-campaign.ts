import { one, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';
import { recordAudit } from '../../workspace/record-audit.js';
import { getCampaign } from './campaign-row.js';

/**
 * Deletes a campaign with its participants, invites and poster records. Rewards already paid stay in the
 * points ledger and the redemptions (they are the members' now); its live code and groups stay too.
 */
export async function deleteCampaign(ctx: TenantCtx, id: string): Promise<void> {
  const exists = await one(ctx.db, sql`select 1 from fission_campaigns where workspace_id = ${ctx.workspaceId} and id = ${id} for update`);
  if (!exists) throw notFound('fission campaign');
  const before = await getCampaign(ctx, id);
  await ctx.db.execute(sql`delete from fission_campaigns where workspace_id = ${ctx.workspaceId} and id = ${id}`);
  await recordAudit(ctx, 'fission_campaign.deleted', 'fission_campaign', id, { before });
}
