import { describe, expect, it } from 'vitest';
import { CumulativeTable, Rng } from './rng.js';

function draws(seed: number, n: number): number[] {
  const rng = new Rng(seed);
  return Array.from({ length: n }, () => rng.nextUint32());
}

describe('Rng', () => {
  it('gives the same stream for the same seed', () => {
    expect(draws(42, 1000)).toEqual(draws(42, 1000));
  });

  it('gives unrelated streams for nearby and large seeds', () => {
    const a = draws(1, 100);
    const b = draws(2, 100);
    const big = draws(2 ** 40 + 1, 100);
    expect(a.filter((x, i) => x === b[i]).length).toBe(0);
    expect(a.filter((x, i) => x === big[i]).length).toBe(0);
  });

  it('pins the first outputs so the stream never changes by accident', () => {
    // Every simulated dataset depends on this stream; changing it silently would change every demo.
    expect(draws(1, 3)).toEqual([1151041103, 1990438114, 272676157]);
  });

  it('keeps floats in [0, 1) with a mean near one half', () => {
    const rng = new Rng(7);
    let sum = 0;
    let outside = 0;
    for (let i = 0; i < 100_000; i++) {
      const x = rng.float();
      if (x < 0 || x >= 1) outside++;
      sum += x;
    }
    expect(outside).toBe(0);
    expect(sum / 100_000).toBeCloseTo(0.5, 2);
  });

  it('draws integers over the whole inclusive range', () => {
    const rng = new Rng(3);
    const seen = new Set<number>();
    for (let i = 0; i < 10_000; i++) seen.add(rng.int(-2, 3));
    expect([...seen].sort((x, y) => x - y)).toEqual([-2, -1, 0, 1, 2, 3]);
  });

  it('respects weights', () => {
    const rng = new Rng(5);
    const counts = [0, 0, 0];
    for (let i = 0; i < 30_000; i++) counts[rng.weightedIndex([1, 0, 3])]!++;
    expect(counts[1]).toBe(0);
    expect(counts[2]! / counts[0]!).toBeGreaterThan(2.7);
    expect(counts[2]! / counts[0]!).toBeLessThan(3.3);
    expect(rng.weightedPick(['a', 'b'], [0, 1])).toBe('b');
  });

  it('samples poisson, normal, lognormal and pareto with the expected centre', () => {
    const rng = new Rng(11);
    const n = 50_000;
    let small = 0;
    let large = 0;
    let normal = 0;
    const logs: number[] = [];
    let paretoMin = Infinity;
    for (let i = 0; i < n; i++) {
      small += rng.poisson(3);
      large += rng.poisson(200);
      normal += rng.normal(10, 2);
      logs.push(rng.lognormal(1, 0.5));
      paretoMin = Math.min(paretoMin, rng.pareto(2, 1.5));
    }
    expect(small / n).toBeCloseTo(3, 1);
    expect(large / n).toBeGreaterThan(199);
    expect(large / n).toBeLessThan(201);
    expect(normal / n).toBeCloseTo(10, 1);
    logs.sort((x, y) => x - y);
    expect(logs[n / 2]!).toBeGreaterThan(Math.exp(1) * 0.97);
    expect(logs[n / 2]!).toBeLessThan(Math.exp(1) * 1.03);
    expect(paretoMin).toBeGreaterThanOrEqual(2);
    expect(rng.poisson(0)).toBe(0);
  });

  it('forks deterministically', () => {
    const a = new Rng(9).fork(1);
    const b = new Rng(9).fork(1);
    const c = new Rng(9).fork(2);
    expect(a.nextUint32()).toBe(b.nextUint32());
    expect(a.nextUint32()).not.toBe(c.nextUint32());
  });
});

describe('CumulativeTable', () => {
  it('draws in proportion to the weights and skips zero weights', () => {
    const table = new CumulativeTable();
    const weights = [0, 2, 0, 6, 0];
    for (let i = 0; i < 200; i++) table.add(i < weights.length ? weights[i]! : 0);
    const rng = new Rng(13);
    const counts = new Map<number, number>();
    for (let i = 0; i < 40_000; i++) {
      const k = table.draw(rng);
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual([1, 3]);
    expect(counts.get(3)! / counts.get(1)!).toBeCloseTo(3, 0);
  });

  it('answers -1 when nothing has weight', () => {
    const table = new CumulativeTable();
    table.add(0);
    expect(table.draw(new Rng(1))).toBe(-1);
    table.reset();
    expect(table.length).toBe(0);
  });
});
