import { describe, expect, it } from 'vitest';
import { chooseVariant, sendKey, unitHash } from './choose-variant.js';

const variants = [{ key: 'A', weight: 70 }, { key: 'B', weight: 20 }, { key: 'C', weight: 10 }];

describe('chooseVariant', () => {
  it('gives the same key the same variant, whatever order the variants are listed in', () => {
    for (let i = 0; i < 200; i++) {
      const key = sendKey('tpl-1', `member-${i}`, 'welcome:2026-05-10');
      const first = chooseVariant(variants, key).key;
      expect(chooseVariant([...variants].reverse(), key).key).toBe(first);
      expect(chooseVariant(variants, key).key).toBe(first);
    }
  });

  it('splits many keys roughly by weight', () => {
    const n = 20000;
    const counts: Record<string, number> = { A: 0, B: 0, C: 0 };
    for (let i = 0; i < n; i++) counts[chooseVariant(variants, sendKey('tpl-1', `m${i}`, 'k'))!.key]!++;
    // Binomial standard deviation at 20,000 draws is at most 0.35 points; 1.5 points is over four of them.
    expect(counts.A! / n).toBeCloseTo(0.7, 1);
    expect(Math.abs(counts.A! / n - 0.7)).toBeLessThan(0.015);
    expect(Math.abs(counts.B! / n - 0.2)).toBeLessThan(0.015);
    expect(Math.abs(counts.C! / n - 0.1)).toBeLessThan(0.015);
  });

  it('never picks a weight-0 variant and refuses when none is left', () => {
    for (let i = 0; i < 500; i++) expect(chooseVariant([{ key: 'A', weight: 0 }, { key: 'B', weight: 1 }], `k${i}`).key).toBe('B');
    expect(() => chooseVariant([{ key: 'A', weight: 0 }], 'k')).toThrow(/weight/);
  });

  it('depends on the template, the recipient and the send key', () => {
    const picks = (f: (i: number) => string) => Array.from({ length: 64 }, (_, i) => chooseVariant([{ key: 'A', weight: 1 }, { key: 'B', weight: 1 }], f(i)).key).join('');
    const base = picks((i) => sendKey('t', `m${i}`, 'k'));
    expect(picks((i) => sendKey('t2', `m${i}`, 'k'))).not.toBe(base);
    expect(picks((i) => sendKey('t', `m${i}`, 'k2'))).not.toBe(base);
    expect(unitHash('x')).toBeGreaterThanOrEqual(0);
    expect(unitHash('x')).toBeLessThan(1);
  });
});
