import { one, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';
import type { RewardInput } from './contracts.js';
import { getReward } from './list-rewards.js';

export async function createReward(ctx: TenantCtx, input: RewardInput) {
  const row = await one<{ id: string }>(ctx.db, sql`
    insert into rewards (workspace_id, name, description, kind, cost_points, stock, per_member_limit, enabled)
    values (${ctx.workspaceId}, ${input.name}, ${input.description}, ${input.kind}, ${input.costPoints}, ${input.stock}, ${input.perMemberLimit}, ${input.enabled})
    returning id`);
  return getReward(ctx, row!.id);
}

/** Replaces a reward; `stock` is the units left from now on (a restock sets it higher). */
export async function updateReward(ctx: TenantCtx, id: string, input: RewardInput) {
  const row = await one(ctx.db, sql`
    update rewards set name = ${input.name}, description = ${input.description}, kind = ${input.kind}, cost_points = ${input.costPoints},
      stock = ${input.stock}, per_member_limit = ${input.perMemberLimit}, enabled = ${input.enabled}, updated_at = now()
    where workspace_id = ${ctx.workspaceId} and id = ${id} returning id`);
  if (!row) throw notFound('reward');
  return getReward(ctx, id);
}
