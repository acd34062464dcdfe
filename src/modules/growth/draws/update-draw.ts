import { one, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { AppError, notFound } from '../../../core/errors.js';
import type { DrawInput } from './contracts.js';
import { recordAudit } from '../../workspace/record-audit.js';
import { getDraw, type Draw } from './get-draw.js';
import { writePrizes } from './write-prizes.js';

/**
 * Replaces a draft. Once a draw is open its prizes, weights and rules are what the published commitment
 * stands for and what entries were drawn under, so they no longer change.
 */
export async function updateDraw(ctx: TenantCtx, id: string, input: DrawInput): Promise<Draw> {
  const found = await one<{ status: string }>(ctx.db, sql`select status from draws where workspace_id = ${ctx.workspaceId} and id = ${id} for update`);
  if (!found) throw notFound('draw');
  if (found.status !== 'draft') throw new AppError('conflict', `draw: it is ${found.status}, only a draft can be edited`, [{ path: 'status', message: `the draw is ${found.status}` }]);
  await ctx.db.execute(sql`
    update draws set name = ${input.name}, description = ${input.description}, starts_at = ${input.startsAt.toISOString()},
      ends_at = ${input.endsAt.toISOString()}, unit = ${input.unit}, points_cost = ${input.pointsCost}, min_check_in_days = ${input.minCheckInDays},
      segment = ${input.segment}, updated_at = now()
    where workspace_id = ${ctx.workspaceId} and id = ${id}`);
  await writePrizes(ctx, id, input.prizes);
  await recordAudit(ctx, 'draw.updated', 'draw', id, { name: input.name, prizes: input.prizes.length });
  return getDraw(ctx, id);
}
