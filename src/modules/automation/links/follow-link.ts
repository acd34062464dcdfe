import { createHash } from 'node:crypto';
import type { Database } from '../../../db/client.js';
import { one, sql } from '../../../db/client.js';
import { withTenant } from '../../../core/context.js';

/**
 * Chat apps and link unfurlers fetch a link to draw its preview card before anyone taps it. Counting those
 * would credit a send with a click from every group it reached, so such fetches are redirected but not
 * recorded. Matched on the user agents these services announce.
 */
const PREVIEW_AGENTS = /bot\b|crawler|spider|preview|facebookexternalhit|slackbot|telegrambot|whatsapp|discordbot|skypeuripreview|embedly|curl\/|wget\//i;

export const isPreviewFetch = (userAgent: string | undefined) => !userAgent || PREVIEW_AGENTS.test(userAgent);

/** One person on one device: a hash of address and browser, so repeated taps count once and neither is kept. */
export const visitorOf = (ip: string, userAgent: string) => createHash('sha256').update(`${ip}\u0000${userAgent}`).digest('base64url').slice(0, 22);

const actor = { kind: 'system' as const, name: 'link' };

/**
 * Where a tracked link leads, recording the click unless it is a preview fetch. The token is looked up
 * across workspaces (it is all a click brings, like an API key); the click is written in that workspace's
 * own tenant transaction. Null: no such link.
 */
export async function followLink(database: Database, token: string, visitor: { ip: string; userAgent?: string; method: string }): Promise<string | null> {
  const link = await one<{ workspaceId: string; timeZone: string; url: string }>(database.db, sql`
    select l.workspace_id as "workspaceId", w.time_zone as "timeZone", l.url
    from tracked_links l join workspaces w on w.id = l.workspace_id where l.token = ${token}`);
  if (!link) return null;
  if (visitor.method === 'GET' && !isPreviewFetch(visitor.userAgent)) {
    await withTenant(database, { id: link.workspaceId, timeZone: link.timeZone }, actor, (ctx) => ctx.db.execute(sql`
      insert into link_clicks (workspace_id, token, visitor) values (${ctx.workspaceId}, ${token}, ${visitorOf(visitor.ip, visitor.userAgent!)})`));
  }
  return link.url;
}
