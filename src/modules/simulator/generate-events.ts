import type { Channel, EventInput } from '../tracking/event-contract.js';
import type { CommunityType } from './names.js';
import { resolveOptions, type SimulationOptions } from './options.js';
import { Simulation } from './simulation.js';
import { buildWorld } from './world.js';

export type { SimulationOptions } from './options.js';

/**
 * Streams a simulated history as batches of at most `batchSize` events, in non-decreasing occurredAt.
 *
 * A synchronous generator: generation is pure CPU work, and a caller that awaits something per batch
 * (runSimulation awaits the intake) simply pulls the next batch when ready, which is the back-pressure.
 * Memory stays bounded by the world (O(members + communities)) plus one day of events, however many days.
 *
 * Deterministic: the same options give the same events, ids included (`<idPrefix>-<n>`), so running it
 * twice into the same workspace is deduplicated by the intake.
 *
 * Batches are fresh arrays, but the community and member refs inside events are shared objects:
 * treat them as read-only.
 */
export function* generateEvents(opts: SimulationOptions): Generator<EventInput[], void, undefined> {
  const resolved = resolveOptions(opts);
  const simulation = new Simulation(resolved);
  const size = resolved.batchSize;
  const cut = Number.isFinite(resolved.untilMs);
  let batch: EventInput[] = [];
  days: for (let d = -1; d < simulation.days; d++) {
    const chunk = d < 0 ? simulation.history() : simulation.day(d);
    for (let i = 0; i < chunk.length; i++) {
      // Events come in time order, so the first one past the cut ends the whole stream.
      if (cut && Date.parse(chunk[i]!.occurredAt) >= resolved.untilMs) break days;
      batch.push(chunk[i]!);
      if (batch.length === size) {
        yield batch;
        batch = [];
      }
    }
  }
  if (batch.length > 0) yield batch;
}

/** How many groups a member is in (see world.ts): 1 to 3, a few up to 6. */
const GROUPS_PER_MEMBER: [number, number][] = [[1, 0.45], [2, 0.33], [3, 0.17], [4, 0.05 / 3], [5, 0.05 / 3], [6, 0.05 / 3]];

/**
 * A rough total for progress bars (usually within ±25%; a handful of groups varies more, since one vip
 * group talks far more than one tool group). Follows the expected group sizes day by day: about 62% of
 * memberships are there at the start, the rest arrive over the window, a fraction of a percent quits
 * each day, and each present membership yields about 0.55 events a day, plus the hosts' own posts.
 */
export function estimateEvents(opts: SimulationOptions): number {
  const o = resolveOptions(opts);
  const perMember = GROUPS_PER_MEMBER.reduce((sum, [k, p]) => sum + p * Math.min(k, o.communities), 0);
  const memberships = o.members * perMember;
  const arrivalsPerDay = (memberships * 0.38) / o.days;
  let present = memberships * 0.62;
  let total = memberships + o.communities;
  for (let d = 0; d < o.days; d++) {
    present = present * (1 - 0.004) + arrivalsPerDay;
    total += present * 0.55 + o.communities * 6;
  }
  return Math.round(total);
}

export interface CommunityProfile {
  channel: Channel;
  externalId: string;
  name: string;
  type: CommunityType;
  subtype: string;
  /** When the group was opened (before the window for most groups). */
  createdAt: string;
  /** The group's owner account, which posts the operator messages. */
  host: { externalId: string; name: string };
}

/**
 * The groups a simulation will write to, without generating any event. Events already carry type and
 * subtype on their community ref; this list is for creating the groups up front (for example with their
 * real creation date) or for printing what a run is about to build.
 */
export function communityProfiles(opts: SimulationOptions): CommunityProfile[] {
  const world = buildWorld(resolveOptions(opts));
  return world.communities.map((c) => ({
    channel: c.ref.channel,
    externalId: c.ref.externalId,
    name: c.ref.name,
    type: c.ref.type,
    subtype: c.ref.subtype,
    createdAt: new Date(c.createdAtMs).toISOString(),
    host: { externalId: world.memberRefs[c.host]!.externalId, name: world.memberRefs[c.host]!.name },
  }));
}
