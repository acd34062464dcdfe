import { rows, sql } from '../../db/client.js';
import type { TenantCtx } from '../../core/context.js';
import type { Introduction } from './network-contracts.js';
import type { NetworkMember } from './network-data.js';
import type { TieGraph } from './network-graph.js';
import { inWindow, isUserMessage, type Scope } from './scope.js';
import { similarPairs } from './topic-similarity.js';

export const INTRO_MIN_MESSAGES = 3;
export const INTRO_MAX_MEMBERS = 300;
/** Per member: the latest messages, each cut short, the whole cut again; bounds memory on huge groups. */
const TEXT_MESSAGES = 200;
const TEXT_PER_MESSAGE = 1000;
const TEXT_PER_MEMBER = 20000;

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Pairs of members who talk about the same things but have not addressed each other in the window
 * (docs/metrics.md, "Suggested introductions"). Only the 300 most active members with at least 3 messages
 * are compared, so the pair loop stays at most 300 * 299 / 2 sparse dot products, and only a bounded slice of
 * each one's text leaves the database.
 */
export async function suggestIntroductions(ctx: TenantCtx, s: Scope, members: NetworkMember[], g: TieGraph): Promise<Introduction[]> {
  const pool = members
    .filter((m) => m.messages >= INTRO_MIN_MESSAGES)
    .sort((a, b) => b.messages - a.messages || cmp(a.member_id, b.member_id))
    .slice(0, INTRO_MAX_MEMBERS);
  if (pool.length < 2) return [];

  const texts = await rows<{ member_id: string; text: string }>(ctx.db, sql`
    select member_id, left(string_agg(text, chr(10) order by rn), ${TEXT_PER_MEMBER}) as text from (
      select e.member_id, left(e.data->>'text', ${TEXT_PER_MESSAGE}) as text,
             row_number() over (partition by e.member_id order by e.occurred_at desc, e.id) as rn
      from events e
      where ${inWindow(ctx, s, 'e')} and ${isUserMessage('e')} and jsonb_typeof(e.data->'text') = 'string'
        and e.member_id in (select (jsonb_array_elements_text(${JSON.stringify(pool.map((m) => m.member_id))}::jsonb))::uuid)) t
    where rn <= ${TEXT_MESSAGES}
    group by member_id`);
  const textOf = new Map(texts.map((t) => [t.member_id, t.text]));
  return similarPairs(pool.map((m) => ({ member_id: m.member_id, name: m.name, text: textOf.get(m.member_id) ?? '' })), (a, b) => g.hasEdge(a, b));
}
