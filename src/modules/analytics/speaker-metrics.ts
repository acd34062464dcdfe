import { rows, sql } from '../../db/client.js';
import type { TenantCtx } from '../../core/context.js';
import type { TopSpeaker } from './contracts.js';
import { absenceFactor, gini, top20Share } from './concentration.js';
import type { Scope } from './scope.js';
import { speakingDays } from './speaking-days.js';

export const TOP_SPEAKERS = 10;

export interface SpeakerMetrics {
  messages: number; speakers: number; top20_share: number | null; gini: number | null; absence_factor: number; top_speakers: TopSpeaker[];
}

/** Message counts per person (summed over the report's communities) and how concentrated they are. */
export async function speakerMetrics(ctx: TenantCtx, s: Scope): Promise<SpeakerMetrics> {
  const perMember = await rows<{ member_id: string; name: string; messages: number }>(ctx.db, sql`
    with d as (${speakingDays(ctx, s)})
    select d.member_id, m.display_name as name, sum(d.messages)::int as messages
    from d join members m on m.workspace_id = ${ctx.workspaceId} and m.id = d.member_id
    group by d.member_id, m.display_name`);
  const counts = perMember.map((r) => r.messages);
  const messages = counts.reduce((a, b) => a + b, 0);
  // Binary string order, so both drivers and every server collation rank ties the same way.
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const ranked = [...perMember].sort((a, b) => b.messages - a.messages || cmp(a.name, b.name) || cmp(a.member_id, b.member_id));
  return {
    messages,
    speakers: perMember.length,
    top20_share: top20Share(counts),
    gini: gini(counts),
    absence_factor: absenceFactor(counts),
    top_speakers: ranked.slice(0, TOP_SPEAKERS).map((r) => ({ member_id: r.member_id, name: r.name, messages: r.messages, share: r.messages / messages })),
  };
}
