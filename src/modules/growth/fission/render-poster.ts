import { one, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';
import { getLiveCode } from '../live-codes/get-live-code.js';
import { scanUrl } from '../live-codes/scan-url.js';
import { DEFAULT_POSTER, type PosterArt } from './contracts.js';
import { drawPoster } from './poster/draw-poster.js';

export interface PosterOptions {
  /**
   * What this render counts as in the campaign's funnel: 'generated' (the default: a member's page made it),
   * 'shared' (the member opened or saved it to pass on), or null (an operator's preview counts as nothing).
   */
  record?: 'generated' | 'shared' | null;
  now?: Date;
}

/** The address a participant's QR code carries: the campaign's live code under the participant's source. */
export async function posterUrl(ctx: TenantCtx, liveCodeId: string, source: string, baseUrl: string): Promise<string> {
  const code = await getLiveCode(ctx, liveCodeId);
  return scanUrl(baseUrl, code.slug, source);
}

/**
 * A participant's personal share poster as PNG (poster/draw-poster.ts), its QR code pointing at the
 * campaign's live code with their own source, so the live code attributes each scan and join to them.
 */
export async function renderPoster(ctx: TenantCtx, campaignId: string, memberId: string, baseUrl: string, opts: PosterOptions = {}): Promise<Buffer> {
  const p = await one<{ id: string; source: string; name: string; liveCodeId: string; poster: PosterArt }>(ctx.db, sql`
    select p.id, p.source, m.display_name as name, c.live_code_id as "liveCodeId", c.poster
    from fission_participants p
    join fission_campaigns c on c.workspace_id = p.workspace_id and c.id = p.campaign_id
    join members m on m.workspace_id = p.workspace_id and m.id = p.member_id
    where p.workspace_id = ${ctx.workspaceId} and p.campaign_id = ${campaignId} and p.member_id = ${memberId}`);
  if (!p) throw notFound('participant');
  const png = await drawPoster({ name: p.name, art: { ...DEFAULT_POSTER, ...p.poster }, url: await posterUrl(ctx, p.liveCodeId, p.source, baseUrl) });
  const record = opts.record === undefined ? 'generated' : opts.record;
  if (record) {
    await ctx.db.execute(sql`
      insert into fission_poster_events (workspace_id, participant_id, kind, at)
      values (${ctx.workspaceId}, ${p.id}, ${record}, ${(opts.now ?? new Date()).toISOString()})`);
  }
  return png;
}
