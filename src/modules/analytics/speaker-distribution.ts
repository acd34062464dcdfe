import { z } from 'zod';
import { rows, sql } from '../../db/client.js';
import type { TenantCtx } from '../../core/context.js';
import type { HealthInput } from './contracts.js';
import { resolveScope } from './resolve-scope.js';
import { speakingDays } from './speaking-days.js';

/** Enough points to draw a Pareto curve of any community; past it the curve runs straight to (1, 1). */
export const SPEAKER_LIST_CAP = 2000;

const count = z.number().int().nonnegative();

export const speakerDistributionSchema = z.object({
  window: z.object({ from: z.string(), to: z.string() }),
  communities: count,
  messages: count.meta({ description: 'All messages of the window (the health report\'s `messages`)' }),
  speakers: count.meta({ description: 'All distinct speakers of the window (the health report\'s `speakers`)' }),
  truncated: z.boolean().meta({ description: `More speakers than the ${SPEAKER_LIST_CAP} listed` }),
  items: z.array(z.object({ member_id: z.string(), name: z.string(), messages: count }))
    .meta({ description: `Speakers by messages descending (ties by member id), at most ${SPEAKER_LIST_CAP}` }),
});
export type SpeakerDistribution = z.infer<typeof speakerDistributionSchema>;

/**
 * Messages per person over the window, largest first: the points of the Pareto curve (share of messages
 * against share of speakers). Counted like the health report's speaker metrics, people summed over the
 * communities, so its totals and top-20 % share read off the same numbers.
 */
export async function speakerDistribution(ctx: TenantCtx, input: HealthInput, cap = SPEAKER_LIST_CAP): Promise<SpeakerDistribution> {
  const s = await resolveScope(ctx, input);
  const list = await rows<{ member_id: string; name: string; messages: number; speakers: number; total: number }>(ctx.db, sql`
    with d as (${speakingDays(ctx, s)}),
    per as (select member_id, sum(messages)::int as messages from d group by member_id),
    top as (
      select member_id, messages, count(*) over () as speakers, sum(messages) over () as total from per
      order by messages desc, member_id limit ${cap})
    select top.member_id, m.display_name as name, top.messages, top.speakers::int as speakers, top.total::int as total
    from top join members m on m.workspace_id = ${ctx.workspaceId} and m.id = top.member_id
    order by top.messages desc, top.member_id`);
  const speakers = list[0]?.speakers ?? 0;
  return {
    window: { from: s.from.toISOString(), to: s.to.toISOString() },
    communities: s.communities,
    messages: list[0]?.total ?? 0,
    speakers,
    truncated: speakers > list.length,
    items: list.map((r) => ({ member_id: r.member_id, name: r.name, messages: r.messages })),
  };
}
