import { one, sql } from '../../db/client.js';
import type { TenantCtx } from '../../core/context.js';
import { notFound } from '../../core/errors.js';
import { pointsBalance } from '../loyalty/points/points-balance.js';
import type { MemberOverview } from './contracts.js';

/** The member pages' header: the member's name, their workspace's name and their spendable points. */
export async function memberOverview(ctx: TenantCtx, memberId: string): Promise<MemberOverview> {
  const row = await one<{ name: string; workspaceName: string }>(ctx.db, sql`
    select m.display_name as name, w.name as "workspaceName"
    from members m join workspaces w on w.id = m.workspace_id
    where m.workspace_id = ${ctx.workspaceId} and m.id = ${memberId}`);
  if (!row) throw notFound('member');
  return {
    member: { id: memberId, name: row.name },
    workspace: { name: row.workspaceName, timeZone: ctx.timeZone },
    balance: await pointsBalance(ctx, memberId),
  };
}
