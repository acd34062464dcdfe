import type { TenantCtx } from '../../core/context.js';
import type { InteractionNetwork, NetworkCluster, NetworkInput, NetworkNode } from './network-contracts.js';
import { resolveScope } from './resolve-scope.js';
import { loadNetwork } from './network-data.js';
import { tieGraph, weightedDegree } from './network-graph.js';
import { networkPagerank } from './network-pagerank.js';
import { detectClusters } from './network-clusters.js';
import { hubDependence } from './hub-dependence.js';
import { suggestIntroductions } from './suggest-introductions.js';
import { betweennessCentrality } from './network-betweenness.js';

export type { InteractionNetwork, NetworkInput } from './network-contracts.js';

export const CLUSTER_TOP_MEMBERS = 3;

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Who talks with whom in one community over [from, to) (docs/metrics.md, "Interaction network"): members
 * with their centralities and cluster, the ties, how much the group hangs on its owner, admins or one
 * busiest member, and members worth introducing to each other. An unknown community, or one of another
 * workspace, is "not found".
 */
export async function interactionNetwork(ctx: TenantCtx, input: NetworkInput): Promise<InteractionNetwork> {
  const scope = await resolveScope(ctx, { communityIds: [input.communityId], from: input.from, to: input.to });
  const { members, edges } = await loadNetwork(ctx, scope);
  const ids = members.map((m) => m.member_id);
  const g = tieGraph(ids, edges);

  const ranks = networkPagerank(ids, edges);
  const between = betweennessCentrality(g);
  const received = new Map<string, number>();
  for (const e of edges) received.set(e.target, (received.get(e.target) ?? 0) + e.weight);

  const groups = detectClusters(g);
  const clusterOf = new Map<string, number>();
  groups.forEach((group, i) => group.forEach((id) => clusterOf.set(id, i)));

  const nodes: NetworkNode[] = members.map((m) => ({
    ...m,
    degree: g.degree(m.member_id),
    weighted_degree: weightedDegree(g, m.member_id),
    in_weight: received.get(m.member_id) ?? 0,
    pagerank: ranks.get(m.member_id) ?? 0,
    betweenness: between.get(m.member_id) ?? 0,
    cluster: clusterOf.get(m.member_id) ?? null,
  }));
  const byWeight = (a: NetworkNode, b: NetworkNode) =>
    b.weighted_degree - a.weighted_degree || b.messages - a.messages || cmp(a.name, b.name) || cmp(a.member_id, b.member_id);
  nodes.sort(byWeight);

  const clusters: NetworkCluster[] = groups.map((group, id) => ({ id, size: group.length, top_members: [] }));
  for (const n of nodes) {
    const top = n.cluster === null ? null : clusters[n.cluster]!.top_members;
    if (top && top.length < CLUSTER_TOP_MEMBERS) top.push(n.name);
  }

  return {
    window: { from: scope.from.toISOString(), to: scope.to.toISOString() },
    nodes,
    edges: [...edges].sort((a, b) => b.weight - a.weight || cmp(a.source, b.source) || cmp(a.target, b.target)),
    clusters,
    hub_dependence: hubDependence(g, members),
    introductions: await suggestIntroductions(ctx, scope, members, g),
  };
}
