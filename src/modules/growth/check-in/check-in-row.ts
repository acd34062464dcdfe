import { one, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import type { CheckIn } from './contracts.js';

export const CHECK_IN_COLUMNS = sql`id, member_id as "memberId", to_char(day, 'YYYY-MM-DD') as day, checked_in_at as "checkedInAt",
  source, community_id as "communityId", points`;

/** The member's check-in of a local day, if any. */
export function checkInOn(ctx: TenantCtx, memberId: string, day: string): Promise<CheckIn | undefined> {
  return one<CheckIn>(ctx.db, sql`
    select ${CHECK_IN_COLUMNS} from check_ins where workspace_id = ${ctx.workspaceId} and member_id = ${memberId} and day = ${day}::date`);
}
