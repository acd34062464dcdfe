import { one, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import type { Condition } from './contracts.js';
import type { FiringRow } from './firing-row.js';

/**
 * Does the rule's condition still hold for the firing? Answers null when it does, else the reason the
 * firing is skipped, in words an operator reads on the firings list. Reads only the current state (the
 * membership, the member's last activity, the segment as last evaluated), never the analytics, so the run
 * tick stays cheap however many firings come due.
 */
export async function conditionProblem(ctx: TenantCtx, condition: Condition | null, f: FiringRow): Promise<string | null> {
  if (!condition || !f.memberId) return null;
  if (condition === 'not_in_group' || condition === 'in_group') {
    if (!f.communityId) return 'no group to check the membership in';
    const present = await one(ctx.db, sql`
      select 1 from memberships where workspace_id = ${ctx.workspaceId} and community_id = ${f.communityId}
        and member_id = ${f.memberId} and left_at is null`);
    if (condition === 'not_in_group' && present) return 'already in the group';
    if (condition === 'in_group' && !present) return 'no longer in the group';
    return null;
  }
  if (condition === 'still_silent') {
    // members.last_active_at: the member's latest message, reaction, check-in or join, kept by the intake.
    const m = await one<{ active: boolean }>(ctx.db, sql`
      select coalesce(last_active_at > ${f.occurredAt.toISOString()}::timestamptz, false) as active
      from members where workspace_id = ${ctx.workspaceId} and id = ${f.memberId}`);
    return m?.active ? 'active again since' : null;
  }
  const still = await one(ctx.db, sql`
    select 1 from trigger_segment_states where workspace_id = ${ctx.workspaceId} and rule_id = ${f.ruleId} and member_id = ${f.memberId}`);
  return still ? null : 'no longer in the segment';
}
