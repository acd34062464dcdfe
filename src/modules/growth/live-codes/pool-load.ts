import { rows, sql, uuids } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { RESERVATION_MINUTES, type PoolCommunity } from './contracts.js';
import type { Candidate } from './choose-community.js';

export interface PoolRow extends PoolCommunity {
  liveCodeId: string;
  externalId: string;
  channel: string;
  type: 'basic' | 'vip' | 'distribution';
  subtype: string | null;
}

/**
 * The pools of these live codes, in order, with how full each group is: current members (memberships not
 * left: actual joins, not page views) plus the reservations of the last RESERVATION_MINUTES (scans sent there
 * by any live code whose visitor has not joined yet). Capacity is the smaller of the live code's and the group's.
 */
export async function loadPools(ctx: TenantCtx, liveCodeIds: string[]): Promise<Map<string, PoolRow[]>> {
  const out = new Map<string, PoolRow[]>(liveCodeIds.map((id) => [id, []]));
  if (!liveCodeIds.length) return out;
  const found = await rows<Omit<PoolRow, 'full'>>(ctx.db, sql`
    select p.live_code_id as "liveCodeId", c.id, c.name, c.external_id as "externalId", c.channel, c.type, c.subtype, c.status,
           p.position, p.created_by_live_code as "createdByLiveCode", least(c.capacity, l.capacity) as capacity,
           (select count(*)::int from memberships m
             where m.workspace_id = p.workspace_id and m.community_id = p.community_id and m.left_at is null) as members,
           (select count(*)::int from live_code_scans s
             where s.workspace_id = p.workspace_id and s.community_id = p.community_id and s.joined_at is null
               and s.scanned_at > now() - make_interval(mins => ${RESERVATION_MINUTES})) as reserved
    from live_code_communities p
    join live_codes l on l.workspace_id = p.workspace_id and l.id = p.live_code_id
    join communities c on c.workspace_id = p.workspace_id and c.id = p.community_id
    where p.workspace_id = ${ctx.workspaceId} and p.live_code_id = any(${uuids(liveCodeIds)})
    order by p.live_code_id, p.position`);
  for (const r of found) out.get(r.liveCodeId)!.push({ ...r, full: r.status !== 'active' || r.members + r.reserved >= r.capacity });
  return out;
}

export const toCandidate = (r: PoolRow): Candidate => ({ id: r.id, position: r.position, load: r.members + r.reserved, capacity: r.capacity, active: r.status === 'active' });
