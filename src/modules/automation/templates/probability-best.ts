/**
 * Bayesian probability that each variant has the highest conversion rate (replies, clicks, joins or orders
 * per send). Each rate gets a Beta(1, 1) (uniform) prior, so after n trials with k successes its posterior
 * is Beta(1 + k, 1 + n - k); the probability to be best
 * is the share of joint posterior draws in which the variant's rate is the largest.
 *
 * Monte Carlo with a seeded generator written here: the same counts always give the same numbers, so a page
 * does not flicker between reloads and tests can pin the output.
 */

/** mulberry32: 32-bit state, uniform in [0, 1). Small and fast; quality is ample for 20,000 draws. */
export function seededUniform(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal by Box-Muller (one of the pair is enough here). */
function normal(u: () => number): number {
  let a = u();
  while (a === 0) a = u();
  return Math.sqrt(-2 * Math.log(a)) * Math.cos(2 * Math.PI * u());
}

/**
 * Gamma(shape, 1) by Marsaglia and Tsang (2000). For shape < 1 it draws Gamma(shape + 1) and scales by
 * U^(1/shape); with a Beta(1, 1) prior every shape here is at least 1, but the function stays general.
 */
export function sampleGamma(shape: number, u: () => number): number {
  if (shape < 1) return sampleGamma(shape + 1, u) * Math.pow(u() || Number.MIN_VALUE, 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal(u);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const w = u();
    if (w < 1 - 0.0331 * x * x * x * x) return d * v;
    if (Math.log(w) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

export function sampleBeta(a: number, b: number, u: () => number): number {
  const x = sampleGamma(a, u);
  const y = sampleGamma(b, u);
  return x / (x + y);
}

/** One variant's record: sends that could convert (trials) and sends that did (successes). */
export interface Arm { trials: number; successes: number }

/**
 * One probability per arm, in the arms' order, summing to 1. Ties in a draw (possible only in theory with
 * continuous draws) go to the first arm.
 */
export function probabilityToBeBest(arms: Arm[], opts: { draws?: number; seed?: number } = {}): number[] {
  const draws = opts.draws ?? 20000;
  if (arms.length === 0) return [];
  if (arms.length === 1) return [1];
  for (const a of arms) {
    if (!(Number.isInteger(a.trials) && Number.isInteger(a.successes) && a.successes >= 0 && a.successes <= a.trials)) {
      throw new Error(`successes must be a whole number between 0 and trials (got ${a.successes} of ${a.trials})`);
    }
  }
  const u = seededUniform(opts.seed ?? 20240601);
  const wins = new Array<number>(arms.length).fill(0);
  for (let i = 0; i < draws; i++) {
    let best = 0;
    let bestRate = -1;
    arms.forEach((a, k) => {
      const rate = sampleBeta(1 + a.successes, 1 + a.trials - a.successes, u);
      if (rate > bestRate) { bestRate = rate; best = k; }
    });
    wins[best]!++;
  }
  return wins.map((w) => w / draws);
}
