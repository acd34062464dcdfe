import { describe, expect, it } from 'vitest';
import { tieGraph } from './network-graph.js';
import { detectClusters } from './network-clusters.js';
import { hubDependence } from './hub-dependence.js';
import { connectedComponents } from './network-components.js';
import { betweennessCentrality } from './network-betweenness.js';
import { betweenness } from './graph-library.js';
import { networkPagerank } from './network-pagerank.js';
import type { DirectedEdge, NetworkMember } from './network-data.js';
import { shuffled } from '../../../test/helpers/events.js';

const edge = (source: string, target: string, replies = 1, mentions = 0): DirectedEdge => ({ source, target, replies, mentions, weight: replies + mentions });
const member = (id: string, role: NetworkMember['role'] = 'member'): NetworkMember => ({ member_id: id, name: id.toUpperCase(), role, is_kol: false, messages: 1 });

/** Four cliques of five (a0..a4, b0.., c0.., d0..) joined in a ring by one light tie each. */
function ringOfCliques(): { ids: string[]; edges: DirectedEdge[] } {
  const groups = ['a', 'b', 'c', 'd'];
  const ids = groups.flatMap((g) => [0, 1, 2, 3, 4].map((i) => `${g}${i}`));
  const edges: DirectedEdge[] = [];
  for (const g of groups) for (let i = 0; i < 5; i++) for (let j = i + 1; j < 5; j++) edges.push(edge(`${g}${i}`, `${g}${j}`, 2));
  groups.forEach((g, k) => edges.push(edge(`${g}4`, `${groups[(k + 1) % 4]}0`)));
  return { ids, edges };
}


describe('detectClusters', () => {
  it('finds the cliques, whatever order the members and edges come in', () => {
    const { ids, edges } = ringOfCliques();
    const expected = ['a', 'b', 'c', 'd'].map((g) => [0, 1, 2, 3, 4].map((i) => `${g}${i}`));
    for (const seed of [1, 2, 3, 4, 5]) {
      expect(detectClusters(tieGraph(shuffled(ids, seed), shuffled(edges, seed + 10)))).toEqual(expected);
    }
  });
  it('gives members without ties no cluster', () => {
    expect(detectClusters(tieGraph(['x', 'y'], []))).toEqual([]);
    expect(detectClusters(tieGraph(['x', 'y', 'z'], [edge('x', 'y')]))).toEqual([['x', 'y']]);
  });
});

describe('hubDependence', () => {
  it('counts only the members left without a group when the top node goes', () => {
    // Star around h with leaves p, q, r, s, where p and q also talk to each other: without h, p-q stays a
    // pair (the largest piece), r and s are cut off.
    const ids = ['h', 'p', 'q', 'r', 's'];
    const g = tieGraph(ids, [edge('p', 'h'), edge('q', 'h'), edge('r', 'h', 1, 1), edge('h', 's'), edge('p', 'q'), edge('q', 'p')]);
    expect(connectedComponents(g, 'h')).toEqual([['p', 'q'], ['r'], ['s']]);
    expect(hubDependence(g, [member('h', 'owner'), member('p', 'admin'), member('q'), member('r'), member('s')])).toEqual({
      // total 1 + 1 + 2 + 1 + 2 = 7; owner h has 5, admin p adds p-q 2 -> 7/7
      hub_share: 1, top_node: { member_id: 'h', name: 'H' }, top_node_share: 5 / 7,
      cut_off_if_top_leaves: 2, components: 1, largest_component: 5,
    });
  });
  it('takes the top node from a smaller component when that is where the weight is', () => {
    // A chain a-b-c-d of light ties, and a heavy pair x-y: y is the top node; without it x is alone.
    const g = tieGraph(['a', 'b', 'c', 'd', 'x', 'y'], [edge('a', 'b'), edge('b', 'c'), edge('c', 'd'), edge('x', 'y', 5)]);
    expect(hubDependence(g, ['a', 'b', 'c', 'd', 'x', 'y'].map((id) => member(id)))).toEqual({
      hub_share: 0, top_node: { member_id: 'x', name: 'X' }, top_node_share: 5 / 8,
      cut_off_if_top_leaves: 1, components: 2, largest_component: 4,
    });
  });
});

describe('betweennessCentrality', () => {
  it('is 1 for a star centre and 0 for its leaves', () => {
    const g = tieGraph(['c', 'l1', 'l2', 'l3'], [edge('l1', 'c'), edge('c', 'l2', 0, 3), edge('l3', 'c')]);
    expect(Object.fromEntries(betweennessCentrality(g))).toEqual({ c: 1, l1: 0, l2: 0, l3: 0 });
    expect(betweennessCentrality(tieGraph(['a', 'b'], [edge('a', 'b')])).get('a')).toBe(0);
  });
  it('matches graphology-metrics (hops, normalised) on a graph with parallel shortest paths', () => {
    const { ids, edges } = ringOfCliques();
    const g = tieGraph(ids, [...edges, edge('a2', 'c2'), edge('b1', 'd3')]);
    const reference = betweenness(g, { getEdgeWeight: null, normalized: true });
    const ours = betweennessCentrality(g);
    for (const id of ids) expect(ours.get(id)).toBeCloseTo(reference[id]!, 12);
  });
  it('estimates from evenly spread sources on large groups, keeping the bridges on top', () => {
    const { ids, edges } = ringOfCliques();
    const g = tieGraph(ids, edges);
    const estimate = betweennessCentrality(g, 10);
    const top = [...estimate].sort((x, y) => y[1] - x[1]).slice(0, 8).map(([id]) => id).sort();
    expect(top).toEqual(['a0', 'a4', 'b0', 'b4', 'c0', 'c4', 'd0', 'd4']);
  });
});

describe('the worked example of docs/metrics.md', () => {
  it('gives the numbers written there', () => {
    const ids = ['ann', 'bob', 'cy', 'dee', 'eve'];
    const edges = [edge('bob', 'ann', 2), edge('cy', 'ann', 1, 1), edge('ann', 'dee', 0, 1), edge('dee', 'cy')];
    const g = tieGraph(ids, edges);
    const b = 0.15 / 4.15;
    const ann = (3.4225 * b) / 0.385875;
    const rank = networkPagerank(ids, edges);
    expect(Object.fromEntries(rank)).toEqual({
      ann: expect.closeTo(ann, 9), bob: expect.closeTo(b, 9), eve: expect.closeTo(b, 9),
      dee: expect.closeTo(b + 0.85 * ann, 9), cy: expect.closeTo(b + 0.85 * (b + 0.85 * ann), 9),
    });
    expect(Object.fromEntries(betweennessCentrality(g))).toEqual({ ann: expect.closeTo(1 / 3, 12), bob: 0, cy: 0, dee: 0, eve: 0 });
    expect(detectClusters(g)).toEqual([['ann', 'bob', 'cy', 'dee']]);
    expect(hubDependence(g, ids.map((id) => member(id, id === 'ann' ? 'owner' : 'member')))).toEqual({
      hub_share: 5 / 6, top_node: { member_id: 'ann', name: 'ANN' }, top_node_share: 5 / 6,
      cut_off_if_top_leaves: 1, components: 2, largest_component: 4,
    });
  });
});
