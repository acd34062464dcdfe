import type { Introduction } from './network-contracts.js';
import { topicTerms } from './topic-terms.js';

export const INTRO_TERMS_PER_MEMBER = 30;
export const INTRO_MIN_SIMILARITY = 0.2;
export const INTRO_LIMIT = 10;
export const INTRO_SHARED_TERMS = 5;

export interface MemberText { member_id: string; name: string; text: string }

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The most similar pairs of members by what they write, leaving out pairs that are already tied: tf-idf
 * over the given members, each member's top terms, cosine of those vectors (docs/metrics.md, "Suggested
 * introductions"). Sparse vectors of at most 30 terms, so each pair costs at most 30 look-ups.
 */
export function similarPairs(docs: MemberText[], tied: (a: string, b: string) => boolean): Introduction[] {
  const counts = docs.map((d) => {
    const tf = new Map<string, number>();
    for (const term of topicTerms(d.text)) tf.set(term, (tf.get(term) ?? 0) + 1);
    return tf;
  });
  const df = new Map<string, number>();
  for (const tf of counts) for (const term of tf.keys()) df.set(term, (df.get(term) ?? 0) + 1);

  const n = docs.length;
  // Smoothed idf: a term every compared member uses still weighs 1, so two members of a tiny group who share
  // their only topic are not reduced to zero; sublinear tf keeps one repeated word from drowning the rest.
  const vectors = counts.map((tf) => {
    const weighted = [...tf].map(([term, c]) => [term, (1 + Math.log(c)) * (1 + Math.log((1 + n) / (1 + df.get(term)!)))] as const)
      .sort((a, b) => b[1] - a[1] || cmp(a[0], b[0]))
      .slice(0, INTRO_TERMS_PER_MEMBER);
    const norm = Math.sqrt(weighted.reduce((sum, [, w]) => sum + w * w, 0));
    return new Map(weighted.map(([term, w]) => [term, w / norm]));
  });

  const found: Introduction[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (tied(docs[i]!.member_id, docs[j]!.member_id)) continue;
      const [small, large] = vectors[i]!.size <= vectors[j]!.size ? [vectors[i]!, vectors[j]!] : [vectors[j]!, vectors[i]!];
      const shared: [string, number][] = [];
      for (const [term, w] of small) if (large.has(term)) shared.push([term, w * large.get(term)!]);
      const similarity = Math.min(1, shared.reduce((sum, [, w]) => sum + w, 0));
      if (similarity < INTRO_MIN_SIMILARITY) continue;
      const [a, b] = [docs[i]!, docs[j]!].sort((x, y) => cmp(x.name, y.name) || cmp(x.member_id, y.member_id));
      found.push({
        a: { member_id: a!.member_id, name: a!.name },
        b: { member_id: b!.member_id, name: b!.name },
        shared_terms: shared.sort((x, y) => y[1] - x[1] || cmp(x[0], y[0])).slice(0, INTRO_SHARED_TERMS).map(([term]) => term),
        similarity,
      });
    }
  }
  return found
    .sort((x, y) => y.similarity - x.similarity || cmp(x.a.name, y.a.name) || cmp(x.b.name, y.b.name) || cmp(x.a.member_id, y.a.member_id) || cmp(x.b.member_id, y.b.member_id))
    .slice(0, INTRO_LIMIT);
}
