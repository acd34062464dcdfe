import type { HubDependence } from './network-contracts.js';
import type { NetworkMember } from './network-data.js';
import { weightedDegree, type TieGraph } from './network-graph.js';
import { connectedComponents } from './network-components.js';

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * A group where everyone knows only the owner dies with the owner. How much of the talk runs through the
 * owner and admins, through the single busiest member, and how many members would be left with nobody to
 * talk with if that member left: the members of the top node's component who are not in the largest piece
 * that component falls into without it (a piece of one person is no group, so then all of them count).
 */
export function hubDependence(g: TieGraph, members: NetworkMember[]): HubDependence {
  const components = connectedComponents(g);
  const base = { components: components.length, largest_component: components[0]?.length ?? 0 };
  const total = g.reduceEdges((sum, _e, attr) => sum + attr.weight, 0);
  if (total === 0) return { hub_share: null, top_node: null, top_node_share: null, cut_off_if_top_leaves: 0, ...base };

  const staff = new Set(members.filter((m) => m.role === 'owner' || m.role === 'admin').map((m) => m.member_id));
  const throughStaff = g.reduceEdges((sum, _e, attr, s, t) => sum + (staff.has(s) || staff.has(t) ? attr.weight : 0), 0);

  const ranked = members
    .filter((m) => g.hasNode(m.member_id))
    .map((m) => ({ m, weight: weightedDegree(g, m.member_id), degree: g.degree(m.member_id) }))
    .sort((a, b) => b.weight - a.weight || b.degree - a.degree || cmp(a.m.name, b.m.name) || cmp(a.m.member_id, b.m.member_id));
  const top = ranked[0]!;

  const home = new Set(components.find((c) => c.includes(top.m.member_id))!);
  const pieces = connectedComponents(g, top.m.member_id).filter((c) => home.has(c[0]!));
  const kept = pieces[0] && pieces[0].length >= 2 ? pieces[0].length : 0;
  return {
    hub_share: throughStaff / total,
    top_node: { member_id: top.m.member_id, name: top.m.name },
    top_node_share: top.weight / total,
    cut_off_if_top_leaves: home.size - 1 - kept,
    ...base,
  };
}
