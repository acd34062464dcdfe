import { z } from 'zod';

/** The interaction network and KOL candidates as served by the analytics API; definitions in docs/metrics.md. */

const count = z.number().int().nonnegative();
const share = z.number().min(0).max(1);
const person = z.object({ member_id: z.string(), name: z.string() });

export const networkNodeSchema = z.object({
  member_id: z.string(),
  name: z.string(),
  role: z.enum(['owner', 'admin', 'member']),
  is_kol: z.boolean(),
  messages: count,
  degree: count,
  weighted_degree: count,
  in_weight: count.meta({ description: 'Replies and mentions received' }),
  pagerank: z.number().nonnegative(),
  betweenness: z.number().nonnegative(),
  cluster: count.nullable().meta({ description: 'Index into clusters; null for a member without any interaction' }),
});

export const networkEdgeSchema = z.object({
  source: z.string(), target: z.string(), replies: count, mentions: count, weight: count,
});

export const networkClusterSchema = z.object({ id: count, size: count, top_members: z.array(z.string()) });

export const hubDependenceSchema = z.object({
  hub_share: share.nullable(),
  top_node: person.nullable(),
  top_node_share: share.nullable(),
  cut_off_if_top_leaves: count,
  components: count,
  largest_component: count,
});

export const introductionSchema = z.object({ a: person, b: person, shared_terms: z.array(z.string()), similarity: share });

export const interactionNetworkSchema = z.object({
  window: z.object({ from: z.string(), to: z.string() }),
  nodes: z.array(networkNodeSchema),
  edges: z.array(networkEdgeSchema),
  clusters: z.array(networkClusterSchema),
  hub_dependence: hubDependenceSchema,
  introductions: z.array(introductionSchema),
});
export type InteractionNetwork = z.infer<typeof interactionNetworkSchema>;
export type NetworkNode = z.infer<typeof networkNodeSchema>;
export type NetworkEdge = z.infer<typeof networkEdgeSchema>;
export type NetworkCluster = z.infer<typeof networkClusterSchema>;
export type HubDependence = z.infer<typeof hubDependenceSchema>;
export type Introduction = z.infer<typeof introductionSchema>;

export const kolCandidateSchema = z.object({
  member_id: z.string(), name: z.string(), pagerank: z.number().nonnegative(), received: count, score: share,
});
export const kolCandidatesSchema = z.array(kolCandidateSchema);
export type KolCandidate = z.infer<typeof kolCandidateSchema>;

export interface NetworkInput { communityId: string; from?: Date; to?: Date }
export interface KolInput extends NetworkInput { limit?: number }
