import { one, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';
import { paginate } from '../../../core/pagination.js';
import type { z } from 'zod';
import type { listRedemptionsSchema } from './contracts.js';
import { REDEMPTION_COLUMNS, REDEMPTION_FROM } from './reward-row.js';

export interface Redemption {
  id: string; rewardId: string; rewardName: string; memberId: string; memberName: string; costPoints: number;
  status: 'pending' | 'fulfilled' | 'cancelled'; createdAt: Date; settledAt: Date | null;
}

export async function getRedemption(ctx: TenantCtx, id: string): Promise<Redemption> {
  const row = await one<Redemption>(ctx.db, sql`select ${REDEMPTION_COLUMNS} from ${REDEMPTION_FROM} where d.workspace_id = ${ctx.workspaceId} and d.id = ${id}`);
  if (!row) throw notFound('redemption');
  return row;
}

/** Redemptions newest first, to hand out (pending) or look back on. */
export function listRedemptions(ctx: TenantCtx, q: z.infer<typeof listRedemptionsSchema>) {
  return paginate<Redemption>(ctx.db, q, sql`
    select ${REDEMPTION_COLUMNS} from ${REDEMPTION_FROM} where d.workspace_id = ${ctx.workspaceId}
      ${q.status ? sql`and d.status = ${q.status}` : sql``} ${q.rewardId ? sql`and d.reward_id = ${q.rewardId}` : sql``}
      ${q.memberId ? sql`and d.member_id = ${q.memberId}` : sql``}`,
  sql`"createdAt" desc, id desc`);
}
