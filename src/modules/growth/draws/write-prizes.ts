import { sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { AppError } from '../../../core/errors.js';
import { getReward } from '../../loyalty/rewards/list-rewards.js';
import type { PrizeInput } from './contracts.js';

/**
 * Replaces a draft's prizes. A reward prize must name a reward of this workspace's catalogue, asked of the
 * rewards module's own verb; its units for the draw are the prize's stock, set aside by the operator.
 */
export async function writePrizes(ctx: TenantCtx, drawId: string, prizes: PrizeInput[]): Promise<void> {
  for (const [i, p] of prizes.entries()) {
    if (p.rewardId === null) continue;
    try {
      await getReward(ctx, p.rewardId);
    } catch {
      throw new AppError('validation', `prizes.${i}.rewardId: no such reward`, [{ path: `prizes.${i}.rewardId`, message: 'no such reward in the catalogue' }]);
    }
  }
  await ctx.db.execute(sql`delete from draw_prizes where workspace_id = ${ctx.workspaceId} and draw_id = ${drawId}`);
  const json = JSON.stringify(prizes.map((p, position) => ({ ...p, position })));
  await ctx.db.execute(sql`
    insert into draw_prizes (workspace_id, draw_id, position, name, kind, points, reward_id, weight, stock, initial_stock)
    select ${ctx.workspaceId}, ${drawId}, p.position, p.name, p.kind, p.points, p."rewardId", p.weight, p.stock, p.stock
    from jsonb_to_recordset(${json}::jsonb) as p(position int, name text, kind text, points int, "rewardId" uuid, weight int, stock int)`);
}
