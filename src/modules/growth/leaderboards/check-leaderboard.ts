import { rows, sql, uuids } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { invalid } from '../../../core/errors.js';
import { adapterFor } from '../../../channels/registry.js';
import type { LeaderboardValues } from './contracts.js';

/**
 * What the contract cannot see: the scope's communities exist in this workspace (another workspace's are
 * unknown ids), and the announcement goes to an active group on a channel Shequn can write to, so a
 * settlement months from now does not find out too late.
 */
export async function checkLeaderboard(ctx: TenantCtx, v: LeaderboardValues): Promise<void> {
  if (v.scope.kind === 'communities') {
    const ids = [...new Set(v.scope.communityIds.map((id) => id.toLowerCase()))];
    const known = new Set((await rows<{ id: string }>(ctx.db, sql`
      select id from communities where workspace_id = ${ctx.workspaceId} and id = any(${uuids(ids)})`)).map((r) => r.id));
    const i = v.scope.communityIds.findIndex((id) => !known.has(id.toLowerCase()));
    if (i >= 0) throw invalid(`scope.communityIds.${i}`, 'no such community');
  }
  if (v.announcement) {
    const [c] = await rows<{ channel: string; status: string }>(ctx.db, sql`
      select channel, status from communities where workspace_id = ${ctx.workspaceId} and id = ${v.announcement.communityId}`);
    if (!c) throw invalid('announcement.communityId', 'no such community');
    if (c.status !== 'active') throw invalid('announcement.communityId', `the community is ${c.status}`);
    if (!adapterFor(c.channel)) throw invalid('announcement.communityId', `the ${c.channel} channel only brings events in; Shequn cannot post there`);
  }
}
