/** How a pending join came about; decides the join scene (invite waves versus QR codes). */
export const JoinVia = { Initial: 0, Trickle: 1, Wave: 2, Rejoin: 3 } as const;
export type JoinVia = (typeof JoinVia)[keyof typeof JoinVia];
const VIA_BY_NAME = { initial: JoinVia.Initial, trickle: JoinVia.Trickle, wave: JoinVia.Wave, rejoin: JoinVia.Rejoin };

/**
 * Every (member, community) pair as parallel typed arrays: a few dozen bytes per membership and no
 * per-membership objects, so millions of memberships stay cheap for the garbage collector.
 */
export class Memberships {
  member: Int32Array;
  community: Int32Array;
  /** How much this member talks in this group relative to others (0 = never speaks). */
  weight: Float32Array;
  /** Current (or next planned) join instant; Infinity before the first join. */
  joinedAt: Float64Array;
  /** Planned or past leave instant of the current stay; Infinity while staying. */
  leftAt: Float64Array;
  /** Position in the community's present list, for O(1) removal. */
  listPos: Int32Array;
  /** Removed for spamming: never rejoins. */
  banned: Uint8Array;
  checkInStreak: Int32Array;
  lastCheckInDay: Int32Array;
  joinVia: Uint8Array;
  count = 0;
  /** Pending joins by day; a day's list is dropped once processed, so only future days hold memory. */
  private readonly joinsByDay: (number[] | undefined)[];

  constructor(initialCapacity: number, days: number) {
    const n = Math.max(16, initialCapacity);
    this.member = new Int32Array(n);
    this.community = new Int32Array(n);
    this.weight = new Float32Array(n);
    this.joinedAt = new Float64Array(n);
    this.leftAt = new Float64Array(n);
    this.listPos = new Int32Array(n);
    this.banned = new Uint8Array(n);
    this.checkInStreak = new Int32Array(n);
    this.lastCheckInDay = new Int32Array(n);
    this.joinVia = new Uint8Array(n);
    this.joinsByDay = new Array(days).fill(undefined);
  }

  private grow(): void {
    const n = this.member.length * 2;
    const resize = <T extends Int32Array | Float32Array | Float64Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(n);
      b.set(a);
      return b;
    };
    this.member = resize(this.member, (k) => new Int32Array(k));
    this.community = resize(this.community, (k) => new Int32Array(k));
    this.weight = resize(this.weight, (k) => new Float32Array(k));
    this.joinedAt = resize(this.joinedAt, (k) => new Float64Array(k));
    this.leftAt = resize(this.leftAt, (k) => new Float64Array(k));
    this.listPos = resize(this.listPos, (k) => new Int32Array(k));
    this.banned = resize(this.banned, (k) => new Uint8Array(k));
    this.checkInStreak = resize(this.checkInStreak, (k) => new Int32Array(k));
    this.lastCheckInDay = resize(this.lastCheckInDay, (k) => new Int32Array(k));
    this.joinVia = resize(this.joinVia, (k) => new Uint8Array(k));
  }

  add(member: number, community: number, weight: number): number {
    if (this.count === this.member.length) this.grow();
    const m = this.count++;
    this.member[m] = member;
    this.community[m] = community;
    this.weight[m] = weight;
    this.joinedAt[m] = Infinity;
    this.leftAt[m] = Infinity;
    this.listPos[m] = -1;
    this.lastCheckInDay[m] = -10;
    return m;
  }

  /** Plans a join on a window day; days past the window are dropped (that stay is outside the simulation). */
  scheduleJoin(m: number, day: number, via: keyof typeof VIA_BY_NAME): void {
    if (day < 0 || day >= this.joinsByDay.length) return;
    this.joinVia[m] = VIA_BY_NAME[via];
    (this.joinsByDay[day] ??= []).push(m);
  }

  /** The joins planned for a day, handed over once. */
  takeJoins(day: number): number[] {
    const list = this.joinsByDay[day] ?? [];
    this.joinsByDay[day] = undefined;
    return list;
  }

  /** In the group at instant t (joined at or before t, not yet left). */
  isPresent(m: number, t: number): boolean {
    return this.joinedAt[m]! <= t && t < this.leftAt[m]!;
  }
}
