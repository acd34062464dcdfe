import type { Database } from '../../src/db/client.js';
import { one, sql } from '../../src/db/client.js';
import type { WorkspaceRef } from '../../src/core/context.js';
import { ingestEvents } from '../../src/modules/tracking/ingest-events.js';
import { routeScan } from '../../src/modules/growth/live-codes/route-scan.js';
import { inTenant } from './live-codes.js';

export const HOUR = 3_600_000;

/** The member id of a sandbox identity. */
export const memberId = (database: Database, ws: WorkspaceRef, externalId: string) => inTenant(database, ws, async (ctx) =>
  (await one<{ id: string }>(ctx.db, sql`select member_id as id from member_identities where channel = 'sandbox' and external_id = ${externalId}`))!.id);

/**
 * A friend scans an inviter's poster (the live code under the inviter's source) and joins the group the scan
 * was routed to at `at`, reported as the platform reports it: a `member.joined` naming the live code and scan.
 */
export async function scanAndJoin(database: Database, ws: WorkspaceRef, code: { id: string; slug: string }, source: string, who: string, at: Date): Promise<void> {
  await inTenant(database, ws, async (ctx) => {
    const scan = await routeScan(ctx, { liveCodeId: code.id, source, visitor: `visitor-${who}` });
    if (scan.kind !== 'routed') throw new Error(`scan not routed: ${scan.kind}`);
    const [result] = await ingestEvents(ctx, [{
      id: `fx-join-${who}-${at.getTime()}`, type: 'member.joined', occurredAt: at.toISOString(),
      community: { channel: 'sandbox', externalId: scan.community.externalId }, member: { channel: 'sandbox', externalId: who, name: who },
      data: { scene: 'qr_code', liveCode: code.slug, liveCodeScan: scan.scanId },
    }]);
    if (result?.status === 'error') throw new Error(result.error);
  });
}

/** The member leaves the sandbox group at `at`. */
export const leave = (database: Database, ws: WorkspaceRef, group: string, who: string, at: Date) => inTenant(database, ws, (ctx) => ingestEvents(ctx, [{
  id: `fx-left-${who}-${at.getTime()}`, type: 'member.left', occurredAt: at.toISOString(),
  community: { channel: 'sandbox', externalId: group }, member: { channel: 'sandbox', externalId: who, name: who }, data: {},
}]));
