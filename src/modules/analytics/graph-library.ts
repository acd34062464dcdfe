import pagerankModule from 'graphology-metrics/centrality/pagerank.js';
import betweennessModule from 'graphology-metrics/centrality/betweenness.js';
import louvainModule from 'graphology-communities-louvain';

/**
 * graphology-metrics and the Louvain package are CommonJS with ESM-style typings: under NodeNext the types
 * promise `{ default: fn }` while Node hands over the function itself (vitest may do either). Unwrapping
 * here keeps that quirk out of the metric code.
 */
const unwrap = <T>(m: { default: T }): T => (typeof m === 'function' ? (m as unknown as T) : m.default);

export const pagerank = unwrap(pagerankModule);
export const betweenness = unwrap(betweennessModule);
export const louvain = unwrap(louvainModule);
