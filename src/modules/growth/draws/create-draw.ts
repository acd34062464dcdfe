import { one, sql } from '../../../db/client.js';
import { actorUserId, type TenantCtx } from '../../../core/context.js';
import type { DrawInput } from './contracts.js';
import { recordAudit } from '../../workspace/record-audit.js';
import { getDraw, type Draw } from './get-draw.js';
import { writePrizes } from './write-prizes.js';

/** A new draw, as a draft: nobody can draw until it is opened, which is when its seed is made. */
export async function createDraw(ctx: TenantCtx, input: DrawInput): Promise<Draw> {
  const row = await one<{ id: string }>(ctx.db, sql`
    insert into draws (workspace_id, name, description, starts_at, ends_at, unit, points_cost, min_check_in_days, segment, created_by)
    values (${ctx.workspaceId}, ${input.name}, ${input.description}, ${input.startsAt.toISOString()}, ${input.endsAt.toISOString()}, ${input.unit},
      ${input.pointsCost}, ${input.minCheckInDays}, ${input.segment}, ${actorUserId(ctx.actor)}::uuid)
    returning id`);
  await writePrizes(ctx, row!.id, input.prizes);
  await recordAudit(ctx, 'draw.created', 'draw', row!.id, { name: input.name, prizes: input.prizes.length });
  return getDraw(ctx, row!.id);
}
