import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { commitmentOf, pick, prizeAt, rollFor, rollMessage, totalWeight, type DrawAttempt, type SnapshotPrize } from './picker.js';
import { verifyEntry, type VerifiableEntry } from './verify-entry.js';

const SEED = createHash('sha256').update('a fixed test seed').digest('hex');
const prizes: SnapshotPrize[] = [
  { id: 'gold', name: '金', kind: 'physical', weight: 1 },
  { id: 'silver', name: '银', kind: 'points', weight: 3 },
  { id: 'thanks', name: '谢谢参与', kind: 'thanks', weight: 6 },
];

describe('the draw picker', () => {
  it('honours the weights: 60 000 rolls land in proportion within a chi-square bound', () => {
    const counts = new Map<string, number>();
    const n = 60_000;
    for (let i = 0; i < n; i++) {
      const got = pick(SEED, { drawId: 'd', memberId: `m${i}`, unitKey: 'draw', attempt: 0 }, prizes);
      counts.set(got.prize.id, (counts.get(got.prize.id) ?? 0) + 1);
    }
    const total = totalWeight(prizes);
    const chi = prizes.reduce((s, p) => {
      const expected = (n * p.weight) / total;
      return s + (((counts.get(p.id) ?? 0) - expected) ** 2) / expected;
    }, 0);
    // 2 degrees of freedom: 13.8 is the 0.1% tail. A picker that ignored the weights would score in the thousands.
    expect(chi).toBeLessThan(13.8);
    expect(counts.get('thanks')! / n).toBeGreaterThan(0.58);
    expect(counts.get('gold')! / n).toBeLessThan(0.12);
  });

  it('maps rolls into [0, total) evenly, also for a total that does not divide 2^52', () => {
    const seen = new Array<number>(7).fill(0);
    for (let i = 0; i < 7000; i++) {
      const r = rollFor(SEED, `x:${i}`, 7);
      expect(Number.isInteger(r) && r >= 0 && r < 7).toBe(true);
      seen[r]!++;
    }
    expect(Math.min(...seen)).toBeGreaterThan(850);
    expect(rollFor(SEED, 'same', 1000)).toBe(rollFor(SEED, 'same', 1000));
    expect(rollFor(SEED, 'same', 1000)).not.toBe(rollFor(SEED.replace(/^./, SEED[0] === '0' ? '1' : '0'), 'same', 1000));
    expect(() => rollFor(SEED, 'x', 0)).toThrow();
  });

  it('lays prizes out on the number line in order, each as long as its weight', () => {
    expect([0, 1, 3, 4, 9].map((r) => prizeAt(prizes, r).id)).toEqual(['gold', 'silver', 'silver', 'thanks', 'thanks']);
    expect(() => prizeAt(prizes, 10)).toThrow();
    expect(rollMessage('d', 'm', '2026-12-03', 0)).toBe('d:m:2026-12-03');
    expect(rollMessage('d', 'm', '2026-12-03', 2)).toBe('d:m:2026-12-03:2');
  });
});

describe('verifyEntry', () => {
  const at = { drawId: 'draw-1', memberId: 'member-1', unitKey: 'draw' };
  const attempt = (i: number, offered: SnapshotPrize[], taken: boolean): DrawAttempt => {
    const got = pick(SEED, { ...at, attempt: i }, offered);
    return { prizes: offered, total: got.total, roll: got.roll, prizeId: got.prize.id, taken };
  };
  const single = (): VerifiableEntry => {
    const a = attempt(0, prizes, true);
    return { ...at, roll: a.roll, prizeId: a.prizeId, snapshot: [a] };
  };

  it('accepts an honest entry, and a re-pick that dropped the prize that ran out', () => {
    expect(verifyEntry(SEED, single(), commitmentOf(SEED))).toEqual({ valid: true, problems: [] });
    const first = attempt(0, prizes, false);
    const second = attempt(1, prizes.filter((p) => p.id !== first.prizeId), true);
    expect(verifyEntry(SEED, { ...at, roll: second.roll, prizeId: second.prizeId, snapshot: [first, second] }).valid).toBe(true);
  });

  it('catches a changed prize, roll, weight, seed, member or a re-pick that still offered the lost prize', () => {
    const e = single();
    const other = prizes.find((p) => p.id !== e.prizeId)!.id;
    expect(verifyEntry(SEED, { ...e, prizeId: other }).valid).toBe(false);
    expect(verifyEntry(SEED, { ...e, snapshot: [{ ...e.snapshot[0]!, prizeId: other }], prizeId: other }).valid).toBe(false);
    expect(verifyEntry(SEED, { ...e, roll: (e.roll + 1) % 10, snapshot: [{ ...e.snapshot[0]!, roll: (e.roll + 1) % 10 }] }).valid).toBe(false);
    expect(verifyEntry(SEED, { ...e, snapshot: [{ ...e.snapshot[0]!, prizes: prizes.map((p) => ({ ...p, weight: p.weight * 2 })) }] }).valid).toBe(false);
    expect(verifyEntry(SEED, { ...e, memberId: 'member-2' }).valid).toBe(false);
    expect(verifyEntry(SEED, e, commitmentOf(SEED.split('').reverse().join(''))).problems).toContain('the seed does not match the commitment');
    const first = attempt(0, prizes, false);
    const unfair = attempt(1, prizes, true);
    expect(verifyEntry(SEED, { ...at, roll: unfair.roll, prizeId: unfair.prizeId, snapshot: [first, unfair] }).valid).toBe(false);
    expect(verifyEntry('not hex', e).valid).toBe(false);
  });
});
