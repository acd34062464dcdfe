import { randomBytes } from 'node:crypto';
import { one, sql } from '../../../db/client.js';
import { actorUserId, type TenantCtx } from '../../../core/context.js';
import { recordAudit } from '../../workspace/record-audit.js';
import { parseInput } from '../../automation/tasks/contracts.js';
import { liveCodeInputSchema, type LiveCode, type LiveCodeInput } from './contracts.js';
import { checkLiveCode, writePool } from './check-live-code.js';
import { getLiveCode } from './get-live-code.js';

/** 8 characters of 48 random bits: short enough for a printed link, too many to guess one. */
const newSlug = () => randomBytes(6).toString('base64url');

/** A new live code with its pool; it routes scans from the moment it commits. */
export async function createLiveCode(ctx: TenantCtx, input: LiveCodeInput): Promise<LiveCode> {
  const v = parseInput(liveCodeInputSchema, input);
  await checkLiveCode(ctx, v, null);
  let row: { id: string } | undefined;
  // A slug taken by another workspace's live code (once in 2^48) just draws again.
  for (let attempt = 0; !row && attempt < 5; attempt++) {
    row = await one<{ id: string }>(ctx.db, sql`
      insert into live_codes (workspace_id, slug, name, channel, strategy, capacity, base_name, enabled, created_by, updated_by)
      values (${ctx.workspaceId}, ${newSlug()}, ${v.name}, ${v.channel}, ${v.strategy}, ${v.capacity}, ${v.baseName ?? v.name}, ${v.enabled},
              ${actorUserId(ctx.actor)}, ${actorUserId(ctx.actor)})
      on conflict (slug) do nothing returning id`);
  }
  if (!row) throw new Error('could not draw a free live code slug');
  await writePool(ctx, row.id, v.communityIds);
  const code = await getLiveCode(ctx, row.id);
  await recordAudit(ctx, 'live_code.created', 'live_code', row.id, { liveCode: v });
  return code;
}
