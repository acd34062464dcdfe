import type { Strategy } from './contracts.js';

/** One group of the pool as a routing decision sees it. */
export interface Candidate {
  id: string;
  position: number;
  /** Current members plus open reservations (docs/growth.md, "Live codes"). */
  load: number;
  capacity: number;
  active: boolean;
}

export const hasRoom = (c: Candidate) => c.active && c.load < c.capacity;

/**
 * The group a scan goes to, or null when none has room. Pure, so each strategy is tested on hand-built pools.
 * - fill_in_order: the first group (by position) with room, so groups fill one after the other and a new one
 *   only opens when the last is full.
 * - least_full: the group with the lowest share of its capacity taken (load / capacity), so groups of different
 *   sizes fill evenly; ties go to the fewer people, then to the earlier position.
 * - round_robin: the first group with room after the one chosen last (`lastPosition`), wrapping around.
 */
export function chooseCommunity(strategy: Strategy, pool: readonly Candidate[], lastPosition: number): Candidate | null {
  const open = pool.filter(hasRoom).sort((a, b) => a.position - b.position);
  if (!open.length) return null;
  switch (strategy) {
    case 'fill_in_order':
      return open[0]!;
    case 'least_full':
      return open.reduce((best, c) => {
        // Cross-multiplied, so equal shares compare equal without floating-point rounding.
        const diff = c.load * best.capacity - best.load * c.capacity;
        return diff < 0 || (diff === 0 && c.load < best.load) ? c : best;
      });
    case 'round_robin':
      return open.find((c) => c.position > lastPosition) ?? open[0]!;
  }
}
