import { rows, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { getGroup, type Group } from './groups.js';

/** The groups a member opened or joined, newest first (their member pages list these). */
export async function groupsOfMember(ctx: TenantCtx, memberId: string, limit = 20): Promise<Group[]> {
  const ids = await rows<{ id: string }>(ctx.db, sql`
    select group_id as id from group_buy_members where workspace_id = ${ctx.workspaceId} and member_id = ${memberId}
    order by joined_at desc, group_id limit ${limit}`);
  const groups: Group[] = [];
  for (const { id } of ids) groups.push(await getGroup(ctx, id));
  return groups;
}
