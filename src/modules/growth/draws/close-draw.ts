import { one, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { AppError, notFound } from '../../../core/errors.js';
import { recordAudit } from '../../workspace/record-audit.js';
import { getDraw, type Draw } from './get-draw.js';

/**
 * Closes an open draw and so reveals its seed. The row lock waits for draws in progress (each holds the
 * draw's row FOR SHARE), so no entry is made after the seed is out. Closing a closed draw answers it.
 */
export async function closeDraw(ctx: TenantCtx, id: string): Promise<Draw> {
  const d = await one<{ status: string }>(ctx.db, sql`select status from draws where workspace_id = ${ctx.workspaceId} and id = ${id} for update`);
  if (!d) throw notFound('draw');
  if (d.status === 'closed') return getDraw(ctx, id);
  if (d.status === 'draft') throw new AppError('conflict', 'draw: a draft has not opened yet', [{ path: 'status', message: 'the draw is a draft' }]);
  await ctx.db.execute(sql`
    update draws set status = 'closed', closed_at = now(), updated_at = now() where workspace_id = ${ctx.workspaceId} and id = ${id}`);
  await recordAudit(ctx, 'draw.closed', 'draw', id);
  return getDraw(ctx, id);
}
