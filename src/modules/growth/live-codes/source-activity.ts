import { rows, sql, texts } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';

export interface AttributedJoin { eventId: string; liveCodeId: string; communityId: string; memberId: string; source: string | null; joinedAt: Date }

/**
 * The live-code joins these `member.joined` events became (attribute-live-code-joins.ts), with the source of
 * the scan each claimed. For modules that build on a source (fission campaigns give each inviter one): an
 * event listener placed after attributeLiveCodeJoins reads what it just recorded.
 */
export async function liveCodeJoinsOf(ctx: TenantCtx, eventIds: string[]): Promise<AttributedJoin[]> {
  if (!eventIds.length) return [];
  return rows<AttributedJoin>(ctx.db, sql`
    select event_id as "eventId", live_code_id as "liveCodeId", community_id as "communityId", member_id as "memberId", source, joined_at as "joinedAt"
    from live_code_joins where workspace_id = ${ctx.workspaceId} and event_id = any(${texts(eventIds)})`);
}

export interface SourceDay { day: string; scans: number; joins: number }

/**
 * Scans of a live code under any of these sources since `from`, per local day of the workspace, with how many
 * of them were then joined (counted on the day of the scan, as liveCodeStats counts conversion).
 */
export async function sourceDays(ctx: TenantCtx, liveCodeId: string, sources: string[], from: Date): Promise<SourceDay[]> {
  if (!sources.length) return [];
  return rows<SourceDay>(ctx.db, sql`
    select to_char(s.scanned_at at time zone ${ctx.timeZone}, 'YYYY-MM-DD') as day, count(*)::int as scans, count(s.joined_at)::int as joins
    from live_code_scans s
    where s.workspace_id = ${ctx.workspaceId} and s.live_code_id = ${liveCodeId} and s.source = any(${texts(sources)})
      and s.scanned_at >= ${from.toISOString()}::timestamptz
    group by 1 order by 1`);
}
