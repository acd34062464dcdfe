import { one, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { AppError, notFound } from '../../../core/errors.js';
import { ingestEvents } from '../../tracking/ingest-events.js';

export interface SandboxJoinInput { liveCodeId: string; scanId: string; memberExternalId: string; name: string }

const conflict = (path: string, message: string) => new AppError('conflict', `${path}: ${message}`, [{ path, message }]);

/**
 * The sandbox's "join" button on the scan page: the visitor joins the group their scan was sent to, reported
 * as the platform would report it, a `member.joined` event naming the live code and the scan, through the
 * one intake path. The attribution then happens as for any platform's join (attribute-live-code-joins.ts).
 * On a real platform the person joins in the chat app instead, and its callback brings the same event.
 */
export async function joinFromScan(ctx: TenantCtx, input: SandboxJoinInput): Promise<{ community: { id: string; name: string }; already: boolean }> {
  const scan = await one<{ slug: string; communityId: string | null; name: string; channel: string; externalId: string; status: string;
    capacity: number; members: number; inGroup: boolean; joinedAt: Date | null }>(ctx.db, sql`
    select l.slug, c.id as "communityId", c.name, c.channel, c.external_id as "externalId", c.status, c.capacity, s.joined_at as "joinedAt",
           (select count(*)::int from memberships m where m.workspace_id = c.workspace_id and m.community_id = c.id and m.left_at is null) as members,
           exists (select 1 from memberships m join member_identities i on i.workspace_id = m.workspace_id and i.member_id = m.member_id
                   where m.workspace_id = c.workspace_id and m.community_id = c.id and m.left_at is null
                     and i.channel = 'sandbox' and i.external_id = ${input.memberExternalId}) as "inGroup"
    from live_code_scans s
    join live_codes l on l.workspace_id = s.workspace_id and l.id = s.live_code_id
    left join communities c on c.workspace_id = s.workspace_id and c.id = s.community_id
    where s.workspace_id = ${ctx.workspaceId} and s.id = ${input.scanId} and s.live_code_id = ${input.liveCodeId}`);
  if (!scan) throw notFound('scan');
  if (!scan.communityId) throw conflict('scan', 'found every group full; scan the code again');
  const community = { id: scan.communityId, name: scan.name };
  if (scan.inGroup) return { community, already: true };
  if (scan.channel !== 'sandbox') throw conflict('community', `is a ${scan.channel} group: join it in the ${scan.channel} app`);
  if (scan.status !== 'active') throw conflict('community', `is ${scan.status}`);
  if (scan.joinedAt) throw conflict('scan', 'was already used to join; scan the code again');
  // The platform's own limit, not the live code's: the live code stops sending people earlier.
  if (scan.members >= scan.capacity) throw conflict('community', `is full (${scan.members} of ${scan.capacity})`);
  const [result] = await ingestEvents(ctx, [{
    // One join per scan: a double tap stores it once.
    id: `live-code-join:${input.scanId}`, type: 'member.joined', occurredAt: new Date().toISOString(),
    community: { channel: 'sandbox', externalId: scan.externalId },
    member: { channel: 'sandbox', externalId: input.memberExternalId, name: input.name },
    data: { scene: 'qr_code', liveCode: scan.slug, liveCodeScan: input.scanId },
  }]);
  if (result?.status === 'error') throw new Error(`sandbox join rejected by the intake: ${result.error}`);
  return { community, already: false };
}
