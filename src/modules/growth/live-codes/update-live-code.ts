import { one, sql } from '../../../db/client.js';
import { actorUserId, type TenantCtx } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';
import { recordAudit } from '../../workspace/record-audit.js';
import { parseInput } from '../../automation/tasks/contracts.js';
import { liveCodeInputSchema, type LiveCode, type LiveCodeInput } from './contracts.js';
import { checkLiveCode, writePool } from './check-live-code.js';
import { getLiveCode } from './get-live-code.js';

/**
 * Replaces a live code's configuration and pool; its slug (and so every printed QR code) stays. Scans already
 * made keep their groups and their reservations. A baseName left out becomes the name, as at creation.
 */
export async function updateLiveCode(ctx: TenantCtx, id: string, input: LiveCodeInput): Promise<LiveCode> {
  const v = parseInput(liveCodeInputSchema, input);
  // Locked like a routing decision, so an edit never interleaves with a scan opening a group.
  const exists = await one(ctx.db, sql`select 1 from live_codes where workspace_id = ${ctx.workspaceId} and id = ${id} for update`);
  if (!exists) throw notFound('live code');
  const before = await getLiveCode(ctx, id);
  await checkLiveCode(ctx, v, id);
  await ctx.db.execute(sql`
    update live_codes set name = ${v.name}, channel = ${v.channel}, strategy = ${v.strategy}, capacity = ${v.capacity},
      base_name = ${v.baseName ?? v.name}, enabled = ${v.enabled}, updated_by = ${actorUserId(ctx.actor)}, updated_at = now()
    where workspace_id = ${ctx.workspaceId} and id = ${id}`);
  await writePool(ctx, id, v.communityIds);
  const after = await getLiveCode(ctx, id);
  await recordAudit(ctx, 'live_code.updated', 'live_code', id, { before: { ...before, pool: before.pool.map((p) => p.id) }, after: v });
  return after;
}
