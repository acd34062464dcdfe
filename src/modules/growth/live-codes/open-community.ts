import { one, rows, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { adapterFor } from '../../../channels/registry.js';
import type { Channel } from '../../tracking/event-contract.js';
import { createCommunity } from '../../community/communities.js';
import { recordAudit } from '../../workspace/record-audit.js';
import type { PoolRow } from './pool-load.js';

export interface RoutingCode { id: string; channel: string; capacity: number; baseName: string }

/** Whether the live code's channel can open groups; without it a full pool stays full. */
export const canOpenCommunities = (channel: string) => !!adapterFor(channel)?.createCommunity;

/**
 * The next running number after the base name: one past the highest "<base> <n>" in the workspace, and past the
 * pool's size, so a pool of two hand-picked groups opens "<base> 3" and a name is never used twice.
 */
export async function nextCommunityName(ctx: TenantCtx, base: string, poolSize: number): Promise<string> {
  const prefix = `${base} `;
  // Code points on both sides: PostgreSQL's left() counts characters, and so does [...prefix].
  const taken = await rows<{ name: string }>(ctx.db, sql`
    select name from communities where workspace_id = ${ctx.workspaceId} and left(name, ${[...prefix].length}) = ${prefix}`);
  const numbers = taken.map((t) => t.name.slice(prefix.length)).filter((rest) => /^\d{1,9}$/.test(rest)).map(Number);
  return `${base} ${Math.max(poolSize, ...numbers) + 1}`;
}

/**
 * Opens a new group through the channel and appends it to the pool, or answers null when the channel cannot.
 * The caller holds the live code's row lock (route-scan.ts), which is what makes one full pool open exactly one
 * group however many scans arrive at once. The group takes the type of the pool's last group.
 */
export async function openCommunity(ctx: TenantCtx, code: RoutingCode, pool: readonly PoolRow[]): Promise<PoolRow | null> {
  const adapter = adapterFor(code.channel);
  if (!adapter?.createCommunity) return null;
  const like = pool[pool.length - 1];
  const name = await nextCommunityName(ctx, code.baseName, pool.length);
  const shape = { name, type: like?.type ?? 'basic', subtype: like?.subtype ?? null, capacity: code.capacity } as const;
  const { externalId } = await adapter.createCommunity(ctx, shape);
  // An adapter may leave the row to us (a platform call answers only the new group's id).
  let community = await one<{ id: string }>(ctx.db, sql`
    select id from communities where workspace_id = ${ctx.workspaceId} and channel = ${code.channel} and external_id = ${externalId}`);
  if (!community) {
    community = await createCommunity(ctx, { ...shape, subtype: shape.subtype ?? undefined, channel: code.channel as Channel, externalId, tags: [] });
  }
  const position = (await one<{ next: number }>(ctx.db, sql`
    insert into live_code_communities (workspace_id, live_code_id, community_id, position, created_by_live_code)
    select ${ctx.workspaceId}, ${code.id}, ${community.id}, coalesce(max(position) + 1, 0), true
    from live_code_communities where workspace_id = ${ctx.workspaceId} and live_code_id = ${code.id}
    returning position as next`))!.next;
  await recordAudit(ctx, 'live_code.community_opened', 'live_code', code.id, { communityId: community.id, name });
  return {
    liveCodeId: code.id, id: community.id, name, externalId, channel: code.channel, type: shape.type, subtype: shape.subtype, status: 'active', position,
    createdByLiveCode: true, members: 0, reserved: 0, capacity: code.capacity, full: false,
  };
}
