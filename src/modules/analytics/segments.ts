import type { TenantCtx } from '../../core/context.js';
import { invalid } from '../../core/errors.js';
import type { AsOfInput } from './as-of-scope.js';
import { LEVELS } from './engagement-settings.js';
import { STAGES } from './lifecycle.js';
import { memberProfiles, type Segment } from './member-profiles.js';
import { ROLE_NAMES } from './roles.js';

export type { Segment } from './member-profiles.js';

/** Every segment a later feature (outreach, campaigns) can target, in the order the console lists them. */
export const SEGMENTS = [
  ...STAGES.map((s) => `lifecycle:${s}` as const),
  ...ROLE_NAMES.map((r) => `role:${r}` as const),
  ...LEVELS.map((l) => `level:${l.level}` as const),
] as [Segment, ...Segment[]];

export const isSegment = (s: string): s is Segment => (SEGMENTS as string[]).includes(s);

export function checkSegment(segment: string): Segment {
  if (!isSegment(segment)) throw invalid('segment', `unknown segment; one of ${SEGMENTS.join(', ')}`);
  return segment;
}

export interface SegmentCount { segment: Segment; members: number }

/**
 * Members (people, not memberships) in each segment at asOf; a member in two groups at different stages is
 * in both lifecycle segments. Every segment is listed, 0 when empty.
 */
export async function segmentCounts(ctx: TenantCtx, input: AsOfInput): Promise<{ as_of: Date; as_of_day: string; segments: SegmentCount[] }> {
  const { scope, profiles } = await memberProfiles(ctx, input);
  const counts = new Map<Segment, number>(SEGMENTS.map((s) => [s, 0]));
  for (const p of profiles) for (const s of p.segments) counts.set(s, counts.get(s)! + 1);
  return { as_of: scope.to, as_of_day: scope.lastDay, segments: SEGMENTS.map((segment) => ({ segment, members: counts.get(segment)! })) };
}
