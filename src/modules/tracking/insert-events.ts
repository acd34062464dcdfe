import { rows, sql } from '../../db/client.js';
import type { TenantCtx } from '../../core/context.js';
import type { NormalisedEvent } from './event-contract.js';
import { identityKey } from '../community/resolve-refs.js';

/** Appends the batch; answers the ids actually stored (the rest were already there). */
export async function insertEvents(ctx: TenantCtx, events: NormalisedEvent[], communities: Map<string, string>, members: Map<string, string>): Promise<Set<string>> {
  const payload = events.map((e) => ({
    id: e.id,
    type: e.type,
    at: e.occurredAt.toISOString(),
    community_id: e.community ? communities.get(identityKey(e.community.channel, e.community.externalId)) : null,
    member_id: members.get(identityKey(e.member.channel, e.member.externalId)),
    data: e.data,
  }));
  const stored = await rows<{ id: string }>(ctx.db, sql`
    insert into events (workspace_id, id, type, occurred_at, community_id, member_id, data)
    select ${ctx.workspaceId}, x.id, x.type, x.at, x.community_id, x.member_id, coalesce(x.data, '{}'::jsonb)
    from jsonb_to_recordset(${JSON.stringify(payload)}::jsonb) as x(id text, type text, at timestamptz, community_id uuid, member_id uuid, data jsonb)
    order by x.id
    on conflict (workspace_id, id) do nothing
    returning id`);
  return new Set(stored.map((r) => r.id));
}
