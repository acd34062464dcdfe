import { one, sql } from '../../../db/client.js';
import { SQLSTATE, sqlState } from '../../../db/sql-state.js';
import type { TenantCtx } from '../../../core/context.js';
import { AppError, notFound } from '../../../core/errors.js';
import { recordAudit } from '../../workspace/record-audit.js';
import { actorLabel } from '../orders/record-transition.js';
import type { AppointInput, LeaderStatus, LeaderTerms } from './contracts.js';
import { getLeader, type Leader } from './leader-row.js';

const busy = () => new AppError('conflict', 'community: it has an active leader', [{ path: 'communityId', message: 'the community has an active leader: suspend them first' }]);

/**
 * Appoints a member leader of a community, active at once. One active leader per community (the partial
 * unique index decides between two appointments at once; the loser gets 409 communityId); a member may lead
 * several communities. Appointing the same member to the same community again is refused (409 memberId):
 * reactivate them instead.
 */
export async function appointLeader(ctx: TenantCtx, input: AppointInput): Promise<Leader> {
  const member = await one(ctx.db, sql`select 1 from members where workspace_id = ${ctx.workspaceId} and id = ${input.memberId}`);
  if (!member) throw new AppError('not_found', 'member not found', [{ path: 'memberId', message: 'no such member' }]);
  const community = await one(ctx.db, sql`select 1 from communities where workspace_id = ${ctx.workspaceId} and id = ${input.communityId}`);
  if (!community) throw new AppError('not_found', 'community not found', [{ path: 'communityId', message: 'no such community' }]);
  const had = await one(ctx.db, sql`
    select 1 from group_leaders where workspace_id = ${ctx.workspaceId} and community_id = ${input.communityId} and member_id = ${input.memberId}`);
  if (had) throw new AppError('conflict', 'leader: appointed already', [{ path: 'memberId', message: 'the member is this community\'s leader already: reactivate them' }]);
  const placed = await one<{ id: string }>(ctx.db, sql`
    insert into group_leaders (workspace_id, member_id, community_id, commission_bps, pickup_name, pickup_address, pickup_phone, pickup_hours, note, appointed_by)
    values (${ctx.workspaceId}, ${input.memberId}, ${input.communityId}, ${input.commissionBps}, ${input.pickupName}, ${input.pickupAddress},
      ${input.pickupPhone}, ${input.pickupHours}, ${input.note}, ${actorLabel(ctx.actor)})
    on conflict do nothing returning id`);
  if (!placed) throw busy();
  await recordAudit(ctx, 'group_leaders.appointed', 'group_leader', placed.id, { memberId: input.memberId, communityId: input.communityId, commissionBps: input.commissionBps });
  return getLeader(ctx, placed.id);
}

/** Replaces the pickup point and the rate; orders collected before keep the point and rate they were paid under. */
export async function updateLeader(ctx: TenantCtx, id: string, input: LeaderTerms): Promise<Leader> {
  const row = await one(ctx.db, sql`
    update group_leaders set commission_bps = ${input.commissionBps}, pickup_name = ${input.pickupName}, pickup_address = ${input.pickupAddress},
      pickup_phone = ${input.pickupPhone}, pickup_hours = ${input.pickupHours}, note = ${input.note}, updated_at = now()
    where workspace_id = ${ctx.workspaceId} and id = ${id} returning id`);
  if (!row) throw notFound('leader');
  return getLeader(ctx, id);
}

/**
 * Suspends a leader (later orders of the community are attributed to nobody until a leader is active) or
 * reactivates one (409 communityId when the community has another active leader meanwhile). A suspended
 * leader keeps what was collected: its pickup list and commission go on as before.
 */
export async function setLeaderStatus(ctx: TenantCtx, id: string, status: LeaderStatus): Promise<Leader> {
  // A savepoint, so a second active leader's unique violation (a race the index decides) leaves the caller's transaction usable.
  await ctx.db.execute(sql.raw('savepoint group_leader_status'));
  let row: { id: string } | null | undefined;
  try {
    row = await one<{ id: string }>(ctx.db, sql`
      update group_leaders set status = ${status}, suspended_at = case when ${status} = 'suspended' then coalesce(suspended_at, now()) end, updated_at = now()
      where workspace_id = ${ctx.workspaceId} and id = ${id} returning id`);
  } catch (e) {
    await ctx.db.execute(sql.raw('rollback to savepoint group_leader_status'));
    if (sqlState(e) === SQLSTATE.uniqueViolation) throw busy();
    throw e;
  }
  await ctx.db.execute(sql.raw('release savepoint group_leader_status'));
  if (!row) throw notFound('leader');
  await recordAudit(ctx, status === 'active' ? 'group_leaders.reactivated' : 'group_leaders.suspended', 'group_leader', id);
  return getLeader(ctx, id);
}
