import { one, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';
import { paginate, type PageQuery } from '../../../core/pagination.js';
import { REWARD_COLUMNS } from './reward-row.js';

export type Reward = { id: string; name: string; description: string; kind: 'physical' | 'virtual' | 'coupon'; costPoints: number; stock: number | null; perMemberLimit: number | null; enabled: boolean; redeemed: number; createdAt: Date; updatedAt: Date };

export function listRewards(ctx: TenantCtx, q: PageQuery) {
  return paginate<Reward>(ctx.db, q, sql`select ${REWARD_COLUMNS} from rewards r where r.workspace_id = ${ctx.workspaceId}`, sql`enabled desc, "costPoints", id`);
}

export async function getReward(ctx: TenantCtx, id: string): Promise<Reward> {
  const row = await one<Reward>(ctx.db, sql`select ${REWARD_COLUMNS} from rewards r where r.workspace_id = ${ctx.workspaceId} and r.id = ${id}`);
  if (!row) throw notFound('reward');
  return row;
}
