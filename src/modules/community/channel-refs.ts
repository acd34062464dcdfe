import { one, sql } from '../../db/client.js';
import type { TenantCtx } from '../../core/context.js';

/** What an adapter needs to address a community and a member on one channel. */
export async function channelRefs(ctx: TenantCtx, channel: string, communityId: string | null, memberId: string | null) {
  const community = communityId
    ? (await one<{ id: string; externalId: string; name: string }>(ctx.db, sql`
        select id, external_id as "externalId", name from communities where workspace_id = ${ctx.workspaceId} and id = ${communityId}`)) ?? null
    : null;
  const member = memberId
    ? (await one<{ id: string; externalId: string | null; name: string }>(ctx.db, sql`
        select m.id, m.display_name as name,
          (select i.external_id from member_identities i where i.workspace_id = m.workspace_id and i.member_id = m.id and i.channel = ${channel} limit 1) as "externalId"
        from members m where m.workspace_id = ${ctx.workspaceId} and m.id = ${memberId}`)) ?? null
    : null;
  return { community, member };
}
