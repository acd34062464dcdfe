import { describe, expect, it } from 'vitest';
import { probabilityToBeBest, sampleBeta, sampleGamma, seededUniform, type Arm } from './probability-best.js';

/**
 * The exact answer by numerical integration, independent of any sampling: P(arm k best) =
 * ∫ f_k(x) Π_{j≠k} F_j(x) dx with f the Beta(1 + r, 1 + s - r) density and F its distribution function,
 * both tabulated on a fine midpoint grid and normalised numerically (no special functions needed).
 */
function integrated(arms: Arm[], n = 100000): number[] {
  const dens = arms.map(({ trials, successes }) => {
    const a = 1 + successes;
    const b = 1 + trials - successes;
    const logs = Array.from({ length: n }, (_, i) => {
      const x = (i + 0.5) / n;
      return (a - 1) * Math.log(x) + (b - 1) * Math.log(1 - x);
    });
    const max = Math.max(...logs);
    const raw = logs.map((l) => Math.exp(l - max));
    const total = raw.reduce((s, v) => s + v, 0);
    return raw.map((v) => v / total);
  });
  // F at each midpoint: mass of the cells before it plus half of its own.
  const cdfs = dens.map((d) => {
    let acc = 0;
    return d.map((v) => { const mid = acc + v / 2; acc += v; return mid; });
  });
  return arms.map((_, k) => {
    let p = 0;
    for (let i = 0; i < n; i++) {
      let others = 1;
      for (let j = 0; j < arms.length; j++) if (j !== k) others *= cdfs[j]![i]!;
      p += dens[k]![i]! * others;
    }
    return p;
  });
}

describe('probabilityToBeBest', () => {
  it('matches numerical integration for 20/100 against 10/100', () => {
    const arms = [{ trials: 100, successes: 20 }, { trials: 100, successes: 10 }];
    const exact = integrated(arms);
    expect(exact[0]).toBeGreaterThan(0.96);
    expect(exact[0]).toBeLessThan(0.99);
    const [first, second] = probabilityToBeBest(arms);
    // 20,000 draws: the standard error near 0.97 is about 0.0012.
    expect(Math.abs(first! - exact[0]!)).toBeLessThan(0.005);
    expect(first! + second!).toBeCloseTo(1, 10);
  });

  it('gives two identical variants about one half each', () => {
    const [a, b] = probabilityToBeBest([{ trials: 50, successes: 7 }, { trials: 50, successes: 7 }]);
    expect(Math.abs(a! - 0.5)).toBeLessThan(0.015);
    expect(Math.abs(b! - 0.5)).toBeLessThan(0.015);
  });

  it('matches numerical integration with three arms and unequal sends, and an untried arm keeps its prior', () => {
    const arms = [{ trials: 40, successes: 12 }, { trials: 90, successes: 30 }, { trials: 0, successes: 0 }];
    const exact = integrated(arms);
    const got = probabilityToBeBest(arms);
    got.forEach((p, k) => expect(Math.abs(p - exact[k]!), `arm ${k}`).toBeLessThan(0.012));
    expect(got[2]).toBeGreaterThan(0.2); // uniform prior: a real chance of beating ~0.3
  });

  it('is repeatable for a seed and refuses impossible counts', () => {
    const arms = [{ trials: 10, successes: 3 }, { trials: 12, successes: 5 }];
    expect(probabilityToBeBest(arms)).toEqual(probabilityToBeBest(arms));
    expect(probabilityToBeBest(arms, { seed: 1 })).not.toEqual(probabilityToBeBest(arms, { seed: 2 }));
    expect(probabilityToBeBest([{ trials: 3, successes: 1 }])).toEqual([1]);
    expect(() => probabilityToBeBest([{ trials: 3, successes: 4 }, { trials: 1, successes: 0 }])).toThrow(/successes/);
  });
});

describe('samplers', () => {
  it('draw Gamma and Beta with the right mean and variance', () => {
    const u = seededUniform(7);
    for (const shape of [0.5, 1, 3.5, 40]) {
      const xs = Array.from({ length: 40000 }, () => sampleGamma(shape, u));
      const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
      const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length;
      expect(Math.abs(mean - shape) / shape, `mean at ${shape}`).toBeLessThan(0.03);
      expect(Math.abs(variance - shape) / shape, `variance at ${shape}`).toBeLessThan(0.08);
    }
    const bs = Array.from({ length: 40000 }, () => sampleBeta(3, 7, u));
    expect(bs.reduce((s, x) => s + x, 0) / bs.length).toBeCloseTo(0.3, 2);
  });

  it('uniforms stay in [0, 1)', () => {
    const u = seededUniform(1);
    for (let i = 0; i < 10000; i++) {
      const x = u();
      expect(x >= 0 && x < 1).toBe(true);
    }
  });
});
