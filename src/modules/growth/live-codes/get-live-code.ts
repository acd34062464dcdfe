import { rows, sql, uuids } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';
import type { LiveCode, Strategy } from './contracts.js';
import { loadPools } from './pool-load.js';
import { canOpenCommunities } from './open-community.js';
import { publicScanUrl, scanPath } from './scan-url.js';

interface CodeRow {
  id: string; slug: string; name: string; channel: string; strategy: Strategy; capacity: number; baseName: string; enabled: boolean;
  scans: number; joins: number; createdAt: Date; updatedAt: Date;
}

/** The live codes with these ids as the API shows them (pool and its fill, totals), in the order given. */
export async function viewLiveCodes(ctx: TenantCtx, ids: string[]): Promise<LiveCode[]> {
  if (!ids.length) return [];
  const codes = await rows<CodeRow>(ctx.db, sql`
    select l.id, l.slug, l.name, l.channel, l.strategy, l.capacity, l.base_name as "baseName", l.enabled,
           (select count(*)::int from live_code_scans s where s.workspace_id = l.workspace_id and s.live_code_id = l.id) as scans,
           (select count(*)::int from live_code_joins j where j.workspace_id = l.workspace_id and j.live_code_id = l.id) as joins,
           l.created_at as "createdAt", l.updated_at as "updatedAt"
    from live_codes l where l.workspace_id = ${ctx.workspaceId} and l.id = any(${uuids(ids)})`);
  const pools = await loadPools(ctx, codes.map((c) => c.id));
  const byId = new Map(codes.map((c) => {
    const pool = pools.get(c.id)!.map(({ id, name, position, status, createdByLiveCode, members, reserved, capacity, full }) =>
      ({ id, name, position, status, createdByLiveCode, members, reserved, capacity, full }));
    const view: LiveCode = {
      ...c, path: scanPath(c.slug), url: publicScanUrl(c.slug), canOpenCommunities: canOpenCommunities(c.channel),
      full: pool.every((p) => p.full), pool,
    };
    return [c.id, view];
  }));
  return ids.map((id) => byId.get(id)).filter((c): c is LiveCode => !!c);
}

/** One live code; another workspace's is "not found". */
export async function getLiveCode(ctx: TenantCtx, id: string): Promise<LiveCode> {
  const [code] = await viewLiveCodes(ctx, [id]);
  if (!code) throw notFound('live code');
  return code;
}
