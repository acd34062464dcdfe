/**
 * How concentrated speaking is, from per-speaker message counts (each >= 1). Pure arithmetic over at most
 * one number per member; the exact definitions are in docs/metrics.md.
 */

const descending = (counts: number[]) => [...counts].sort((a, b) => b - a);
const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);

/**
 * Gini coefficient: sum over all ordered pairs of |x_i - x_j|, divided by 2 n^2 mean. With counts sorted
 * ascending that is sum((2i - n - 1) x_i) / (n * total), i from 1; the numerator is an integer, so equal
 * counts give exactly 0.
 */
export function gini(counts: number[]): number | null {
  const n = counts.length;
  const total = sum(counts);
  if (n === 0 || total === 0) return null;
  const asc = [...counts].sort((a, b) => a - b);
  let weighted = 0;
  asc.forEach((x, i) => { weighted += (2 * (i + 1) - n - 1) * x; });
  return weighted / (n * total);
}

/** ceil(20% of n) without floating point (0.2 * 15 is 3.0000000000000004). */
export const topFifthSize = (n: number) => Math.floor((n + 4) / 5);

/** Share of all messages sent by the top ceil(20% of speakers) speakers; ties do not change the sum. */
export function top20Share(counts: number[]): number | null {
  const total = sum(counts);
  if (total === 0) return null;
  return sum(descending(counts).slice(0, topFifthSize(counts.length))) / total;
}

/** The fewest speakers who together sent at least half of all messages (0 when there are none). */
export function absenceFactor(counts: number[]): number {
  const total = sum(counts);
  let covered = 0;
  let k = 0;
  for (const x of descending(counts)) {
    if (2 * covered >= total) break;
    covered += x;
    k++;
  }
  return k;
}
