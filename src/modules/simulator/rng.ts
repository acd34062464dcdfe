/**
 * Seeded pseudo-random numbers for the simulator.
 *
 * The core is a 32-bit "small fast counter" generator (four words of state, one of them a counter so the
 * period is at least 2^32 and in practice far longer). It is written here rather than taken from a package
 * so the stream of numbers, and therefore every simulated event, stays identical across platforms and
 * dependency upgrades: the same seed must always give the same community history.
 */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  /** Box-Muller produces normals in pairs; the spare one is kept for the next call. */
  private spareNormal: number | null = null;

  constructor(seed: number) {
    // Spread the seed (any finite number, including values above 2^32) over the four words with a
    // splitmix-style mixer, so nearby seeds such as 1 and 2 start from unrelated states.
    const whole = Math.floor(Math.abs(seed));
    let s = (whole >>> 0) ^ Math.imul((whole / 0x100000000) >>> 0, 0x9e3779b1) ^ (seed < 0 ? 0x5bd1e995 : 0);
    const next = (): number => {
      s = (s + 0x9e3779b9) | 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) | 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = 1;
    // The first outputs of a freshly seeded counter generator are weakly mixed; throw them away.
    for (let i = 0; i < 15; i++) this.nextUint32();
  }

  /** Uniform integer in [0, 2^32). */
  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform float in [0, 1). */
  float(): number {
    return this.nextUint32() / 0x100000000;
  }

  /** Uniform integer in [lo, hi], both ends included. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.float() * (hi - lo + 1));
  }

  /** Uniform float in [lo, hi). */
  range(lo: number, hi: number): number {
    return lo + this.float() * (hi - lo);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[Math.floor(this.float() * items.length)]!;
  }

  /** Index chosen with probability proportional to its weight (linear scan; for short lists). */
  weightedIndex(weights: ArrayLike<number>): number {
    let total = 0;
    for (let i = 0; i < weights.length; i++) total += weights[i]!;
    if (!(total > 0)) throw new RangeError('weights must have a positive sum');
    let r = this.float() * total;
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i]!;
      if (r < 0) return i;
    }
    // Rounding can leave r at a hair above zero; the last positive weight is the right answer then.
    for (let i = weights.length - 1; i >= 0; i--) if (weights[i]! > 0) return i;
    return weights.length - 1;
  }

  weightedPick<T>(items: readonly T[], weights: ArrayLike<number>): T {
    return items[this.weightedIndex(weights)]!;
  }

  /** Standard normal scaled to the given mean and standard deviation. */
  normal(mean = 0, sd = 1): number {
    if (this.spareNormal !== null) {
      const z = this.spareNormal;
      this.spareNormal = null;
      return mean + sd * z;
    }
    let u = 0;
    while (u === 0) u = this.float();
    const v = this.float();
    const radius = Math.sqrt(-2 * Math.log(u));
    this.spareNormal = radius * Math.sin(2 * Math.PI * v);
    return mean + sd * radius * Math.cos(2 * Math.PI * v);
  }

  /** exp(normal(mu, sigma)): positive, right-skewed; the median is exp(mu). */
  lognormal(mu: number, sigma: number): number {
    return Math.exp(this.normal(mu, sigma));
  }

  /** Pareto with minimum xm and tail index alpha: smaller alpha means a heavier tail. */
  pareto(xm: number, alpha: number): number {
    return xm / Math.pow(1 - this.float(), 1 / alpha);
  }

  /** Exponential with the given mean (waiting times between independent happenings). */
  exponential(mean: number): number {
    return -mean * Math.log(1 - this.float());
  }

  /** Poisson count with mean lambda: exact for small means, a rounded normal for large ones. */
  poisson(lambda: number): number {
    if (!(lambda > 0)) return 0;
    if (lambda < 40) {
      const limit = Math.exp(-lambda);
      let k = 0;
      let p = this.float();
      while (p > limit) {
        k++;
        p *= this.float();
      }
      return k;
    }
    return Math.max(0, Math.round(this.normal(lambda, Math.sqrt(lambda))));
  }

  /** An independent generator derived from this one's seed material and a label number. */
  fork(label: number): Rng {
    return new Rng((this.nextUint32() ^ Math.imul(label + 1, 0x27d4eb2d)) >>> 0);
  }
}

/**
 * Prefix sums over weights for many draws from the same population: O(n) to build, O(log n) per draw.
 * The buffer is reused between builds so a simulated day does not allocate one table per community.
 */
export class CumulativeTable {
  private sums = new Float64Array(64);
  private size = 0;

  get length(): number {
    return this.size;
  }

  get total(): number {
    return this.size === 0 ? 0 : this.sums[this.size - 1]!;
  }

  reset(): void {
    this.size = 0;
  }

  add(weight: number): void {
    if (this.size === this.sums.length) {
      const grown = new Float64Array(this.sums.length * 2);
      grown.set(this.sums);
      this.sums = grown;
    }
    this.sums[this.size] = this.total + Math.max(0, weight);
    this.size++;
  }

  /** Index of an entry drawn with probability proportional to its weight, or -1 when all weights are 0. */
  draw(rng: Rng): number {
    const total = this.total;
    if (!(total > 0)) return -1;
    const r = rng.float() * total;
    let lo = 0;
    let hi = this.size - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.sums[mid]! > r) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}
