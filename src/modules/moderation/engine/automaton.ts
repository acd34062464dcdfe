import { normalise } from './normalise.js';

/**
 * Aho–Corasick multi-pattern matcher over UTF-16 code units: built once from every term of a rule set,
 * it finds all occurrences of all terms in one pass over the text, however many terms there are.
 *
 * Layout: node 0 is the root; `goto[node]` maps a code unit to the child; `fail[node]` is the longest proper
 * suffix of the node's string that is also a trie path; `outLink[node]` jumps to the nearest node on the fail
 * chain that ends a term, so reporting costs one step per match instead of a walk of the whole chain.
 * Code units (not code points) are fine: a surrogate pair is two steps, and both sides use the same units.
 */
export interface Match { term: number; start: number; end: number }

export class Automaton {
  private readonly goto: Map<number, number>[] = [new Map()];
  private readonly fail: number[] = [0];
  private readonly outLink: number[] = [-1];
  /** Term indices ending exactly at each node. */
  private readonly ends: number[][] = [[]];
  /** Normalised length of each term (to report its start); 0 for a term that normalised to nothing. */
  readonly lengths: number[];

  /** `terms` are normalised with the text normaliser, so `加 V` in a list matches `加v` in text. */
  constructor(terms: readonly string[], normaliseTerms = true) {
    this.lengths = terms.map((t) => (normaliseTerms ? normalise(t).text : t).length);
    terms.forEach((raw, index) => {
      const term = normaliseTerms ? normalise(raw).text : raw;
      if (!term) return; // nothing to match: the word-list parser reports these
      let node = 0;
      for (let i = 0; i < term.length; i++) {
        const c = term.charCodeAt(i);
        let next = this.goto[node].get(c);
        if (next === undefined) {
          next = this.goto.length;
          this.goto.push(new Map());
          this.fail.push(0);
          this.outLink.push(-1);
          this.ends.push([]);
          this.goto[node].set(c, next);
        }
        node = next;
      }
      this.ends[node].push(index);
    });
    this.link();
  }

  /** Breadth-first, so every node's fail target (a shorter string) is final before the node is handled. */
  private link(): void {
    const queue: number[] = [];
    for (const child of this.goto[0].values()) queue.push(child);
    for (let q = 0; q < queue.length; q++) {
      const node = queue[q];
      for (const [c, child] of this.goto[node]) {
        let f = this.fail[node];
        while (f !== 0 && !this.goto[f].has(c)) f = this.fail[f];
        const target = this.goto[f].get(c);
        this.fail[child] = target !== undefined && target !== child ? target : 0;
        const fc = this.fail[child];
        this.outLink[child] = this.ends[fc].length ? fc : this.outLink[fc];
        queue.push(child);
      }
    }
  }

  get nodeCount(): number { return this.goto.length; }

  /** Calls `onMatch(term, end)` for every occurrence (end exclusive); return false from it to stop early. */
  scan(text: string, onMatch: (term: number, end: number) => boolean | void): void {
    let node = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      let next = this.goto[node].get(c);
      while (next === undefined && node !== 0) {
        node = this.fail[node];
        next = this.goto[node].get(c);
      }
      node = next ?? 0;
      for (let n = this.ends[node].length ? node : this.outLink[node]; n > 0; n = this.outLink[n]) {
        for (const term of this.ends[n]) if (onMatch(term, i + 1) === false) return;
      }
    }
  }

  /** Every occurrence, in order of end position. */
  findAll(text: string): Match[] {
    const out: Match[] = [];
    this.scan(text, (term, end) => { out.push({ term, start: end - this.lengths[term], end }); });
    return out;
  }
}
