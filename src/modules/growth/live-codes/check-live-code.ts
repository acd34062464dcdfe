import { one, rows, sql, uuids } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { AppError, invalid } from '../../../core/errors.js';
import type { LiveCodeValues } from './contracts.js';

/**
 * What the schema cannot see: the name is the workspace's only live code of that name (case-insensitive), and
 * every pool community is an active group of this workspace on the live code's channel.
 */
export async function checkLiveCode(ctx: TenantCtx, v: LiveCodeValues, id: string | null): Promise<void> {
  const clash = await one(ctx.db, sql`
    select 1 from live_codes where workspace_id = ${ctx.workspaceId} and lower(name) = lower(${v.name}) and id is distinct from ${id}::uuid`);
  if (clash) throw new AppError('conflict', 'name: another live code has this name', [{ path: 'name', message: 'another live code has this name' }]);
  if (!v.communityIds.length) return;
  const found = new Map((await rows<{ id: string; channel: string; status: string }>(ctx.db, sql`
    select id, channel, status from communities where workspace_id = ${ctx.workspaceId} and id = any(${uuids(v.communityIds)})`)).map((c) => [c.id, c]));
  v.communityIds.forEach((communityId, i) => {
    const c = found.get(communityId);
    if (!c) throw invalid(`communityIds.${i}`, 'no such community in this workspace');
    if (c.channel !== v.channel) throw invalid(`communityIds.${i}`, `is a ${c.channel} group; this live code routes to ${v.channel} groups`);
    if (c.status !== 'active') throw invalid(`communityIds.${i}`, `is ${c.status}: only active groups take newcomers`);
  });
}

/** Makes the pool exactly these communities in this order; a group the live code opened keeps that mark. */
export async function writePool(ctx: TenantCtx, liveCodeId: string, communityIds: string[]): Promise<void> {
  await ctx.db.execute(sql`
    delete from live_code_communities where workspace_id = ${ctx.workspaceId} and live_code_id = ${liveCodeId}
      and community_id <> all(${uuids(communityIds)})`);
  if (!communityIds.length) return;
  await ctx.db.execute(sql`
    insert into live_code_communities (workspace_id, live_code_id, community_id, position)
    select ${ctx.workspaceId}, ${liveCodeId}, x.id, x.position
    from jsonb_to_recordset(${JSON.stringify(communityIds.map((id, position) => ({ id, position })))}::jsonb) as x(id uuid, position int)
    order by x.id
    on conflict (workspace_id, live_code_id, community_id) do update set position = excluded.position`);
}
