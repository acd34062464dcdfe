import { timeOrder } from './event-sink.js';

/** Things planned for one community on one day; run in time order so each sees the chat as it was then. */
export const Happening = {
  Join: 0,
  Leave: 1,
  Message: 2,
  HostPost: 3,
  Welcome: 4,
  Introduction: 5,
  CheckIn: 6,
  Spam: 7,
  SpamWarning: 8,
  PosterShare: 9,
  Order: 10,
} as const;
export type Happening = (typeof Happening)[keyof typeof Happening];

export const HostPostKind = { Morning: 0, Promotion: 1, Preheat: 2, CampaignStart: 3, SaleStart: 4 } as const;
export const LeaveReason = { Quit: 0, Removed: 1 } as const;

/**
 * Parallel arrays rather than one object per item: a busy day plans hundreds of thousands of items and
 * the arrays are reused from one community to the next.
 */
export class Agenda {
  readonly times: number[] = [];
  readonly kinds: Happening[] = [];
  /** First argument: usually a membership. */
  readonly a: number[] = [];
  /** Second argument: a reason, a post kind, an index into `groups`. */
  readonly b: number[] = [];
  /** Lists of memberships for items about several people (one welcome for a burst of newcomers). */
  readonly groups: number[][] = [];

  clear(): void {
    this.times.length = 0;
    this.kinds.length = 0;
    this.a.length = 0;
    this.b.length = 0;
    this.groups.length = 0;
  }

  add(t: number, kind: Happening, a = -1, b = 0): void {
    this.times.push(t);
    this.kinds.push(kind);
    this.a.push(a);
    this.b.push(b);
  }

  addGroup(t: number, kind: Happening, members: number[]): void {
    this.groups.push(members);
    this.add(t, kind, -1, this.groups.length - 1);
  }

  /** Indexes of the items in time order (ties in the order they were planned). */
  order(): ArrayLike<number> {
    return timeOrder(this.times);
  }
}
