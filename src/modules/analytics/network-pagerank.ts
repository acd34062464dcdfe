import { DirectedGraph } from 'graphology';
import type { DirectedEdge } from './network-data.js';
import { pagerank } from './graph-library.js';

export const PAGERANK_DAMPING = 0.85;

/**
 * PageRank on the directed graph (A -> B when A replied to or mentioned B, weighted by how often), so rank
 * flows to the members others turn to; being addressed by well-addressed members counts more. A member
 * who addresses nobody spreads their rank evenly over everyone (the usual dangling-node rule). The values
 * sum to 1 over the nodes. Tolerance is far below what the API shows, so the result is the fixed point
 * for all practical purposes and independent of iteration order.
 */
export function networkPagerank(memberIds: string[], edges: DirectedEdge[]): Map<string, number> {
  if (!memberIds.length) return new Map();
  const g = new DirectedGraph<Record<string, never>, { weight: number }>();
  for (const id of [...memberIds].sort()) g.addNode(id);
  for (const e of edges) if (e.weight > 0) g.addEdge(e.source, e.target, { weight: e.weight });
  const ranks = pagerank(g, { getEdgeWeight: 'weight', alpha: PAGERANK_DAMPING, maxIterations: 1000, tolerance: 1e-12 });
  return new Map(Object.entries(ranks));
}
