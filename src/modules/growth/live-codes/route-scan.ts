import { one, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';
import { RESERVATION_MINUTES, type Strategy } from './contracts.js';
import { chooseCommunity } from './choose-community.js';
import { loadPools, toCandidate } from './pool-load.js';
import { openCommunity } from './open-community.js';

export interface ScanInput {
  liveCodeId: string;
  source: string | null;
  visitor: string;
  /** The scan this browser made before (its cookie): within the reservation window it keeps its group. */
  previousScanId?: string | null;
}

export interface RoutedCommunity { id: string; name: string; channel: string; externalId: string }

export type ScanOutcome =
  | { kind: 'routed'; scanId: string; community: RoutedCommunity; reused: boolean; opened: boolean }
  | { kind: 'full'; scanId: string }
  | { kind: 'disabled' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * One scan of a live code: records it and sends it to a group of the pool with room, opening a new group
 * through the channel when every group is full (docs/growth.md, "Live codes"). The scan is a reservation in
 * its group until its visitor joins or RESERVATION_MINUTES pass, so a burst of scans spreads over the groups
 * by what they will hold, not by what they held a minute ago.
 */
export async function routeScan(ctx: TenantCtx, input: ScanInput): Promise<ScanOutcome> {
  const again = input.previousScanId && UUID.test(input.previousScanId) ? await openScan(ctx, input.liveCodeId, input.previousScanId) : undefined;
  if (again) return { kind: 'routed', scanId: input.previousScanId!, community: again, reused: true, opened: false };

  // Every routing decision of one live code runs alone from here to commit: the pool's load read below then
  // includes every reservation made before it, and a full pool opens exactly one group, not one per
  // concurrent scan. NO KEY UPDATE rather than UPDATE: it still excludes other routers, but lets the intake
  // insert the joins that reference the row meanwhile.
  const code = await one<{ id: string; channel: string; strategy: Strategy; capacity: number; baseName: string; enabled: boolean; rrPosition: number }>(ctx.db, sql`
    select id, channel, strategy, capacity, base_name as "baseName", enabled, rr_position as "rrPosition"
    from live_codes where workspace_id = ${ctx.workspaceId} and id = ${input.liveCodeId} for no key update`);
  if (!code) throw notFound('live code');
  if (!code.enabled) return { kind: 'disabled' };

  const pool = (await loadPools(ctx, [code.id])).get(code.id)!;
  const picked = chooseCommunity(code.strategy, pool.map(toCandidate), code.rrPosition);
  const chosen = picked ? pool.find((p) => p.id === picked.id)! : await openCommunity(ctx, code, pool);
  const scan = (await one<{ id: string }>(ctx.db, sql`
    insert into live_code_scans (workspace_id, live_code_id, source, community_id, visitor)
    values (${ctx.workspaceId}, ${code.id}, ${input.source}, ${chosen?.id ?? null}, ${input.visitor}) returning id`))!;
  if (!chosen) return { kind: 'full', scanId: scan.id };
  if (code.strategy === 'round_robin') {
    await ctx.db.execute(sql`update live_codes set rr_position = ${chosen.position} where workspace_id = ${ctx.workspaceId} and id = ${code.id}`);
  }
  return {
    kind: 'routed', scanId: scan.id, reused: false, opened: !picked,
    community: { id: chosen.id, name: chosen.name, channel: chosen.channel, externalId: chosen.externalId },
  };
}

/** A scan of this live code still holding its seat in an active group, or undefined. */
async function openScan(ctx: TenantCtx, liveCodeId: string, scanId: string): Promise<RoutedCommunity | undefined> {
  return one<RoutedCommunity>(ctx.db, sql`
    select c.id, c.name, c.channel, c.external_id as "externalId"
    from live_code_scans s
    join live_codes l on l.workspace_id = s.workspace_id and l.id = s.live_code_id
    join communities c on c.workspace_id = s.workspace_id and c.id = s.community_id
    where s.workspace_id = ${ctx.workspaceId} and s.id = ${scanId} and s.live_code_id = ${liveCodeId} and l.enabled
      and s.joined_at is null and s.scanned_at > now() - make_interval(mins => ${RESERVATION_MINUTES}) and c.status = 'active'`);
}
