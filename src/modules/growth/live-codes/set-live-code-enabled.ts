import { one, sql } from '../../../db/client.js';
import { actorUserId, type TenantCtx } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';
import { recordAudit } from '../../workspace/record-audit.js';
import type { LiveCode } from './contracts.js';
import { getLiveCode } from './get-live-code.js';

/**
 * Pauses or resumes a live code. Paused, a scan gets a page saying so and is not recorded, and printed codes
 * keep their address for when it resumes. Setting the state it already has changes nothing.
 */
export async function setLiveCodeEnabled(ctx: TenantCtx, id: string, enabled: boolean): Promise<LiveCode> {
  const row = await one<{ enabled: boolean }>(ctx.db, sql`
    select enabled from live_codes where workspace_id = ${ctx.workspaceId} and id = ${id} for update`);
  if (!row) throw notFound('live code');
  if (row.enabled === enabled) return getLiveCode(ctx, id);
  await ctx.db.execute(sql`
    update live_codes set enabled = ${enabled}, updated_by = ${actorUserId(ctx.actor)}, updated_at = now()
    where workspace_id = ${ctx.workspaceId} and id = ${id}`);
  await recordAudit(ctx, enabled ? 'live_code.enabled' : 'live_code.disabled', 'live_code', id);
  return getLiveCode(ctx, id);
}
