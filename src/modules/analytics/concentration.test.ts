import { describe, expect, it } from 'vitest';
import { absenceFactor, gini, top20Share, topFifthSize } from './concentration.js';

describe('gini', () => {
  it('is null without speakers, 0 for one speaker or equal counts', () => {
    expect(gini([])).toBeNull();
    expect(gini([7])).toBe(0);
    expect(gini([4, 4, 4])).toBe(0);
  });
  it('follows the mean absolute difference formula', () => {
    // [1, 3]: |1-3| * 2 ordered pairs = 4, over 2 * n^2 * mean = 2 * 4 * 2 = 16 -> 0.25
    expect(gini([3, 1])).toBe(0.25);
    // one of four says everything (counts >= 1, so 1 1 1 9): pairs 3 * 8 * 2 = 48, over 2 * 16 * 3 = 96 -> 0.5
    expect(gini([1, 9, 1, 1])).toBe(0.5);
  });
});

describe('top20Share', () => {
  it('takes ceil(20%) of the speakers without floating-point surprises', () => {
    expect([1, 5, 6, 10, 11, 15].map(topFifthSize)).toEqual([1, 1, 2, 2, 3, 3]);
  });
  it('is null without messages and insensitive to ties', () => {
    expect(top20Share([])).toBeNull();
    expect(top20Share([5])).toBe(1);
    // 6 speakers -> top 2: 4 + 4 of 16
    expect(top20Share([4, 1, 4, 4, 2, 1])).toBe(0.5);
  });
});

describe('absenceFactor', () => {
  it('is the fewest speakers covering half the messages', () => {
    expect(absenceFactor([])).toBe(0);
    expect(absenceFactor([3])).toBe(1);
    expect(absenceFactor([5, 5])).toBe(1); // exactly half is enough
    expect(absenceFactor([1, 1, 1, 1, 1])).toBe(3);
    expect(absenceFactor([2, 10, 3, 1])).toBe(1);
  });
});
