import type { Database } from '../../../db/client.js';
import { one, sql } from '../../../db/client.js';
import { withTenant, type WorkspaceRef } from '../../../core/context.js';
import { isPreviewFetch, visitorOf } from '../../automation/links/follow-link.js';
import { routeScan, type ScanOutcome } from './route-scan.js';

export interface PublicLiveCode { workspace: WorkspaceRef; id: string; slug: string; name: string; enabled: boolean }

export interface Visit { ip: string; userAgent?: string; method: string; source: string | null; previousScanId?: string | null }

const actor = { kind: 'system' as const, name: 'live-code' };

/**
 * The live code a public address names, looked up across workspaces (the slug is all a scan brings, like a
 * tracked link's token); everything after runs in that workspace's own tenant transaction.
 */
export async function findLiveCode(database: Database, slug: string): Promise<PublicLiveCode | null> {
  const row = await one<{ workspaceId: string; timeZone: string; id: string; name: string; enabled: boolean }>(database.db, sql`
    select l.workspace_id as "workspaceId", w.time_zone as "timeZone", l.id, l.name, l.enabled
    from live_codes l join workspaces w on w.id = l.workspace_id where l.slug = ${slug}`);
  return row ? { workspace: { id: row.workspaceId, timeZone: row.timeZone }, id: row.id, slug, name: row.name, enabled: row.enabled } : null;
}

/**
 * A visit to a live code's address. A chat app drawing the link's preview card, or a HEAD request, is
 * answered with the live code's name and routes nothing: it would otherwise hold a seat in a group. Null:
 * no such live code.
 */
export async function scanLiveCode(database: Database, slug: string, visit: Visit): Promise<{ code: PublicLiveCode; outcome: ScanOutcome | { kind: 'preview' } } | null> {
  const code = await findLiveCode(database, slug);
  if (!code) return null;
  if (!code.enabled) return { code, outcome: { kind: 'disabled' } };
  if (visit.method !== 'GET' || isPreviewFetch(visit.userAgent)) return { code, outcome: { kind: 'preview' } };
  const outcome = await withTenant(database, code.workspace, actor, (ctx) => routeScan(ctx, {
    liveCodeId: code.id, source: visit.source, visitor: visitorOf(visit.ip, visit.userAgent!), previousScanId: visit.previousScanId,
  }));
  return { code, outcome };
}
