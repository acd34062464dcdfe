import type { TenantCtx } from '../../core/context.js';
import type { KolCandidate, KolInput } from './network-contracts.js';
import { resolveScope } from './resolve-scope.js';
import { loadNetwork } from './network-data.js';
import { networkPagerank } from './network-pagerank.js';

export type { KolCandidate, KolInput } from './network-contracts.js';

export const KOL_DEFAULT_LIMIT = 20;
/** For the API; callers in the code (segments' roles) may ask for more. */
export const KOL_MAX_LIMIT = 100;
/** Reach and direct attention count equally. */
export const KOL_REACH_WEIGHT = 0.5;

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Members who could carry the group besides its staff: others turn to them (replies and mentions
 * received) and the members who turn to them are themselves turned to (PageRank on the directed network).
 * score = 0.5 * pagerank / (highest pagerank among the candidates) + 0.5 * received / (most received among
 * them): the leader on each count gets that whole half, and 1 means leading on both. Owners and admins are
 * already the group's voice and are left out; so is anyone nobody addressed in the window.
 */
export async function kolCandidates(ctx: TenantCtx, input: KolInput): Promise<KolCandidate[]> {
  const scope = await resolveScope(ctx, { communityIds: [input.communityId], from: input.from, to: input.to });
  const { members, edges } = await loadNetwork(ctx, scope);
  const ranks = networkPagerank(members.map((m) => m.member_id), edges);
  const received = new Map<string, number>();
  for (const e of edges) received.set(e.target, (received.get(e.target) ?? 0) + e.weight);

  const pool = members
    .filter((m) => m.role === 'member' && (received.get(m.member_id) ?? 0) > 0)
    .map((m) => ({ member_id: m.member_id, name: m.name, pagerank: ranks.get(m.member_id)!, received: received.get(m.member_id)! }));
  const topRank = pool.reduce((max, c) => Math.max(max, c.pagerank), 0);
  const topReceived = pool.reduce((max, c) => Math.max(max, c.received), 0);
  return pool
    .map((c) => ({ ...c, score: Math.min(1, KOL_REACH_WEIGHT * (c.pagerank / topRank) + (1 - KOL_REACH_WEIGHT) * (c.received / topReceived)) }))
    .sort((a, b) => b.score - a.score || b.received - a.received || cmp(a.name, b.name) || cmp(a.member_id, b.member_id))
    .slice(0, input.limit ?? KOL_DEFAULT_LIMIT);
}
