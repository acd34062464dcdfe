import type { Rng } from './rng.js';

/** What a message was, so a reply can fit it (an answer to a question, thanks for an answer, ...). */
export const MessageKind = {
  Chat: 0,
  Greeting: 1,
  Question: 2,
  Answer: 3,
  Thanks: 4,
  HostPost: 5,
  Spam: 6,
  CheckIn: 7,
} as const;
export type MessageKind = (typeof MessageKind)[keyof typeof MessageKind];

/**
 * The last few messages of one community, the only message memory the simulator keeps: replies and
 * mentions are drawn from here, so state stays O(communities), never O(messages).
 */
export class RecentMessages {
  static readonly CAPACITY = 32;
  private readonly ids: string[] = new Array(RecentMessages.CAPACITY).fill('');
  private readonly authors = new Int32Array(RecentMessages.CAPACITY);
  private readonly kinds = new Uint8Array(RecentMessages.CAPACITY);
  private readonly boosts = new Float32Array(RecentMessages.CAPACITY);
  private head = 0;
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** boost > 1 makes the message a more likely reply target (KOL and host messages draw replies). */
  add(id: string, authorMembership: number, kind: MessageKind, boost: number): void {
    this.ids[this.head] = id;
    this.authors[this.head] = authorMembership;
    this.kinds[this.head] = kind;
    this.boosts[this.head] = boost;
    this.head = (this.head + 1) % RecentMessages.CAPACITY;
    if (this.count < RecentMessages.CAPACITY) this.count++;
  }

  /** Slot of the k-th newest message (0 = newest). */
  private slot(k: number): number {
    return (this.head - 1 - k + RecentMessages.CAPACITY * 2) % RecentMessages.CAPACITY;
  }

  /**
   * A reply target: recent messages are favoured (people answer what is on screen), weighted by boost.
   * Messages by `excludeAuthor` are skipped since people rarely reply to themselves. Returns a slot or -1.
   */
  pickTarget(rng: Rng, excludeAuthor: number): number {
    let total = 0;
    let decay = 1;
    for (let k = 0; k < this.count; k++) {
      const s = this.slot(k);
      if (this.authors[s] !== excludeAuthor) total += decay * this.boosts[s]!;
      decay *= 0.82;
    }
    if (total <= 0) return -1;
    let r = rng.float() * total;
    let lastEligible = -1;
    decay = 1;
    for (let k = 0; k < this.count; k++) {
      const s = this.slot(k);
      if (this.authors[s] !== excludeAuthor) {
        r -= decay * this.boosts[s]!;
        if (r < 0) return s;
        lastEligible = s;
      }
      decay *= 0.82;
    }
    // Only reached through floating-point rounding.
    return lastEligible;
  }

  /** Author of one of the few newest messages, for "@someone" in passing; -1 when empty. */
  recentAuthor(rng: Rng): number {
    if (this.count === 0) return -1;
    return this.authors[this.slot(Math.min(this.count - 1, Math.floor(rng.exponential(3))))]!;
  }

  idAt(slot: number): string {
    return this.ids[slot]!;
  }

  authorAt(slot: number): number {
    return this.authors[slot]!;
  }

  kindAt(slot: number): MessageKind {
    return this.kinds[slot] as MessageKind;
  }
}
