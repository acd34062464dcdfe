import { describe, expect, it } from 'vitest';
import { chooseCommunity, type Candidate } from './choose-community.js';

const group = (id: string, position: number, load: number, capacity = 10, active = true): Candidate => ({ id, position, load, capacity, active });
const pick = (...args: Parameters<typeof chooseCommunity>) => chooseCommunity(...args)?.id ?? null;

describe('chooseCommunity', () => {
  const pool = [group('a', 0, 10), group('b', 1, 4), group('c', 2, 2), group('d', 3, 9)];

  it('fill_in_order: the first group by position that has room, whatever order the pool arrives in', () => {
    expect(pick('fill_in_order', pool, -1)).toBe('b');
    expect(pick('fill_in_order', [...pool].reverse(), -1)).toBe('b');
    expect(pick('fill_in_order', [group('a', 0, 9), group('b', 1, 0)], -1)).toBe('a');
  });

  it('least_full: the lowest share of capacity taken, ties to the fewer people, then the earlier position', () => {
    expect(pick('least_full', pool, -1)).toBe('c');
    // 100 of 500 (20%) is emptier than 50 of 200 (25%), though it holds more people.
    expect(pick('least_full', [group('small', 0, 50, 200), group('big', 1, 100, 500)], -1)).toBe('big');
    // Equal shares (10% each): the group with fewer people.
    expect(pick('least_full', [group('x', 0, 50, 500), group('y', 1, 20, 200)], -1)).toBe('y');
    expect(pick('least_full', [group('x', 0, 3), group('y', 1, 3)], -1)).toBe('x');
  });

  it('round_robin: the next group with room after the one chosen last, wrapping around', () => {
    expect(pick('round_robin', pool, -1)).toBe('b');
    expect(pick('round_robin', pool, 1)).toBe('c');
    expect(pick('round_robin', pool, 2)).toBe('d');
    // After the last, back to the first with room ('a' is full).
    expect(pick('round_robin', pool, 3)).toBe('b');
    // The group chosen last may have left the pool: positions, not indexes.
    expect(pick('round_robin', [group('a', 0, 0), group('c', 5, 0)], 3)).toBe('c');
  });

  it('skips full and inactive groups, and answers null when none has room', () => {
    const closed = [group('a', 0, 10), group('b', 1, 0, 10, false), group('c', 2, 11)];
    for (const s of ['fill_in_order', 'least_full', 'round_robin'] as const) {
      expect(pick(s, closed, -1), s).toBeNull();
      expect(pick(s, [], -1), s).toBeNull();
      expect(pick(s, [...closed, group('d', 3, 9)], -1), s).toBe('d');
    }
  });
});
