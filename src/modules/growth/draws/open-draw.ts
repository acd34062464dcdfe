import { randomBytes } from 'node:crypto';
import { one, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { AppError, notFound } from '../../../core/errors.js';
import { recordAudit } from '../../workspace/record-audit.js';
import { getDraw, type Draw } from './get-draw.js';
import { commitmentOf } from './picker.js';

/**
 * Opens a draft: the secret seed is made now (32 random bytes) and only its SHA-256 commitment is published,
 * so the outcomes are fixed before anyone draws and nobody, the operator included, can steer them. Opening
 * an open draw answers it as it is.
 */
export async function openDraw(ctx: TenantCtx, id: string, now = new Date()): Promise<Draw> {
  const d = await one<{ status: string; endsAt: Date }>(ctx.db, sql`
    select status, ends_at as "endsAt" from draws where workspace_id = ${ctx.workspaceId} and id = ${id} for update`);
  if (!d) throw notFound('draw');
  if (d.status === 'open') return getDraw(ctx, id);
  if (d.status === 'closed') throw new AppError('conflict', 'draw: it is closed and cannot open again', [{ path: 'status', message: 'the draw is closed' }]);
  if (new Date(d.endsAt).getTime() <= now.getTime()) throw new AppError('conflict', 'draw: its window has ended', [{ path: 'endsAt', message: 'the window has ended; move it first' }]);
  const seed = randomBytes(32).toString('hex');
  await ctx.db.execute(sql`
    update draws set status = 'open', server_seed = ${seed}, seed_commitment = ${commitmentOf(seed)}, opened_at = now(), updated_at = now()
    where workspace_id = ${ctx.workspaceId} and id = ${id}`);
  // The commitment, never the seed: the audit log is readable long before the draw closes.
  await recordAudit(ctx, 'draw.opened', 'draw', id, { commitment: commitmentOf(seed) });
  return getDraw(ctx, id);
}
