import { UndirectedGraph } from 'graphology';
import type { DirectedEdge } from './network-data.js';

export interface TieAttributes { weight: number }
export type TieGraph = UndirectedGraph<Record<string, never>, TieAttributes>;

/**
 * The undirected weighted graph every structural measure reads: one tie per pair of members, weighing
 * everything either said to the other. Nodes and ties are added in id order, so algorithms that walk the
 * graph (Louvain) see the same input on every run.
 */
export function tieGraph(memberIds: string[], edges: DirectedEdge[]): TieGraph {
  const g: TieGraph = new UndirectedGraph();
  for (const id of [...memberIds].sort()) g.addNode(id);
  for (const e of edges) {
    if (e.weight <= 0) continue;
    if (g.hasEdge(e.source, e.target)) g.updateEdgeAttribute(e.source, e.target, 'weight', (w) => (w ?? 0) + e.weight);
    else g.addEdge(e.source, e.target, { weight: e.weight });
  }
  return g;
}

/** Tie weight incident to a node (each tie counted once, whoever spoke). */
export const weightedDegree = (g: TieGraph, node: string) => g.reduceEdges(node, (sum, _e, attr) => sum + attr.weight, 0);
