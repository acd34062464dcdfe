import { z } from 'zod';
import { CHANNELS } from '../../tracking/event-contract.js';

export const STRATEGIES = ['fill_in_order', 'least_full', 'round_robin'] as const;
export type Strategy = (typeof STRATEGIES)[number];

/**
 * How long a scan holds a seat in the group it was sent to while its visitor has not joined yet. People
 * who scan join within a minute or two; ten minutes covers a slow phone without letting abandoned scans
 * keep a group looking full for long. See docs/growth.md, "Live codes".
 */
export const RESERVATION_MINUTES = 10;
/** A join that names the live code but not its scan claims the oldest open scan of that group up to this old. */
export const ATTRIBUTION_HOURS = 24;
/** WeChat stops letting people join a group by QR code at 200 members; most live codes route at that size. */
export const DEFAULT_CAPACITY = 200;
export const MAX_POOL = 100;
export const MAX_SOURCE_LENGTH = 64;

export const liveCodeInputSchema = z.strictObject({
  name: z.string('must be text').trim().min(1, 'must not be empty').max(100, 'at most 100 characters'),
  channel: z.enum(CHANNELS, `must be one of ${CHANNELS.join(', ')}`).default('sandbox')
    .meta({ description: 'the platform of the pool\'s groups, and of the groups the live code opens when they are all full' }),
  strategy: z.enum(STRATEGIES, 'must be fill_in_order, least_full or round_robin').default('fill_in_order'),
  capacity: z.number('must be a number').int('must be a whole number').min(1, 'must be at least 1').max(100000, 'must be at most 100000').default(DEFAULT_CAPACITY)
    .meta({ description: 'members per group at which the live code stops sending people there (never above the group\'s own capacity)' }),
  baseName: z.string('must be text').trim().min(1, 'must not be empty').max(80, 'at most 80 characters').optional()
    .meta({ description: 'name of the groups opened when the pool is full, followed by a running number ("福利群 3"); default: the live code\'s name' }),
  enabled: z.boolean('must be true or false').default(true),
  communityIds: z.array(z.uuid('must be a community id')).max(MAX_POOL, `at most ${MAX_POOL} communities`).default([])
    .superRefine((ids, ctx) => {
      ids.forEach((id, i) => {
        if (ids.indexOf(id) !== i) ctx.addIssue({ code: 'custom', path: [i], message: `is already in the pool (position ${ids.indexOf(id) + 1})` });
      });
    })
    .meta({ description: 'the pool, in order: fill_in_order fills the first group first, round_robin takes them in turn' }),
});
export type LiveCodeInput = z.input<typeof liveCodeInputSchema>;
export type LiveCodeValues = z.output<typeof liveCodeInputSchema>;

export const poolCommunitySchema = z.object({
  id: z.string(),
  name: z.string(),
  position: z.number().int(),
  status: z.string(),
  createdByLiveCode: z.boolean().meta({ description: 'opened by this live code when the pool was full' }),
  members: z.number().int().meta({ description: 'current members (memberships not left)' }),
  reserved: z.number().int().meta({ description: `scans sent here in the last ${RESERVATION_MINUTES} minutes whose visitor has not joined yet` }),
  capacity: z.number().int().meta({ description: 'the smaller of the live code\'s capacity and the group\'s own' }),
  full: z.boolean().meta({ description: 'members + reserved have reached capacity, or the group is not active' }),
});
export type PoolCommunity = z.infer<typeof poolCommunitySchema>;

export const liveCodeSchema = z.object({
  id: z.string(),
  slug: z.string().meta({ description: 'the public code in the scan address /j/<slug>' }),
  path: z.string().meta({ description: 'the scan address under the public URL' }),
  url: z.string().nullable().meta({ description: 'the scan address; null when this process knows no public URL (set SHEQUN_PUBLIC_URL)' }),
  name: z.string(),
  channel: z.string(),
  strategy: z.enum(STRATEGIES),
  capacity: z.number().int(),
  baseName: z.string(),
  enabled: z.boolean(),
  canOpenCommunities: z.boolean().meta({ description: 'the channel can open a new group when the pool is full' }),
  full: z.boolean().meta({ description: 'every group of the pool is full: the next scan opens a group, or finds the pool full' }),
  pool: z.array(poolCommunitySchema),
  scans: z.number().int(),
  joins: z.number().int(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type LiveCode = z.infer<typeof liveCodeSchema>;

export const sourceStatsSchema = z.object({
  source: z.string().nullable().meta({ description: 'the s (or state) parameter of the scan; null: none' }),
  scans: z.number().int(),
  visitors: z.number().int().meta({ description: 'distinct browsers (address and user agent hashed)' }),
  joins: z.number().int().meta({ description: 'scans of the window whose visitor then joined' }),
  conversion: z.number().nullable().meta({ description: 'joins / scans; null without scans' }),
});

export const liveCodeStatsSchema = z.object({
  days: z.number().int(),
  from: z.date(),
  totals: sourceStatsSchema.omit({ source: true }).extend({
    poolFull: z.number().int().meta({ description: 'scans that found every group full and no way to open one' }),
    unattributedJoins: z.number().int().meta({ description: 'joins naming the live code that matched no open scan (a forwarded group QR, say)' }),
  }),
  sources: z.array(sourceStatsSchema),
  communities: z.array(poolCommunitySchema.extend({
    inPool: z.boolean().meta({ description: 'false: scans of the window went there but the group has since left the pool' }),
    scans: z.number().int(),
    joins: z.number().int(),
  })),
});
export type LiveCodeStats = z.infer<typeof liveCodeStatsSchema>;

/** The s (or state) parameter as stored: trimmed, without control characters, cut to MAX_SOURCE_LENGTH; empty is none. */
export function normaliseSource(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  // eslint-disable-next-line no-control-regex
  const clean = raw.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, MAX_SOURCE_LENGTH).trim();
  return clean || null;
}
