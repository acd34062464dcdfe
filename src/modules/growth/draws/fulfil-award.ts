import { one, sql } from '../../../db/client.js';
import { actorUserId, type TenantCtx } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';

export interface Award { id: string; entryId: string; status: 'pending' | 'fulfilled'; fulfilledAt: Date | null }

/** Marks a won reward or physical prize handed out; marking it again answers it as it is. */
export async function fulfilAward(ctx: TenantCtx, id: string): Promise<Award> {
  await ctx.db.execute(sql`
    update draw_awards set status = 'fulfilled', fulfilled_at = now(), fulfilled_by = ${actorUserId(ctx.actor)}::uuid
    where workspace_id = ${ctx.workspaceId} and id = ${id} and status = 'pending'`);
  const row = await one<Award>(ctx.db, sql`
    select id, entry_id as "entryId", status, fulfilled_at as "fulfilledAt" from draw_awards where workspace_id = ${ctx.workspaceId} and id = ${id}`);
  if (!row) throw notFound('award');
  return row;
}
