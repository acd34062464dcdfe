import type { TieGraph } from './network-graph.js';

/** Connected components as lists of node ids, largest first (then by smallest id); `without` is treated as absent. */
export function connectedComponents(g: TieGraph, without?: string): string[][] {
  const seen = new Set<string>(without ? [without] : []);
  const components: string[][] = [];
  for (const start of g.nodes()) {
    if (seen.has(start)) continue;
    seen.add(start);
    const component = [start];
    for (let i = 0; i < component.length; i++) {
      for (const next of g.neighbors(component[i]!)) {
        if (!seen.has(next)) { seen.add(next); component.push(next); }
      }
    }
    components.push(component.sort());
  }
  return components.sort((a, b) => b.length - a.length || (a[0]! < b[0]! ? -1 : 1));
}
