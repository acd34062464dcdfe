import type { TieGraph } from './network-graph.js';
import { louvain } from './graph-library.js';

/** Any fixed seed will do; it only has to be the same on every run. */
const SEED = 0x5eed;

/** mulberry32: a tiny seeded generator, so Louvain's random node order is the same on every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Louvain communities (modularity, resolution 1, weighted ties) of the members who have at least one tie;
 * a member nobody talks with is a cluster of one in Louvain's eyes, which says nothing, so they get none.
 * Deterministic: nodes are in id order (tieGraph) and the generator is seeded. Clusters come largest
 * first, then by their smallest member id, so their index is stable too.
 */
export function detectClusters(g: TieGraph): string[][] {
  const tied = g.copy();
  for (const node of g.nodes()) if (g.degree(node) === 0) tied.dropNode(node);
  if (tied.size === 0) return [];
  const assignment = louvain(tied, { getEdgeWeight: 'weight', resolution: 1, rng: seeded(SEED) });
  const groups = new Map<number, string[]>();
  for (const node of tied.nodes()) {
    const c = assignment[node]!;
    if (!groups.has(c)) groups.set(c, []);
    groups.get(c)!.push(node);
  }
  return [...groups.values()].map((m) => m.sort()).sort((a, b) => b.length - a.length || (a[0]! < b[0]! ? -1 : 1));
}
