import { z } from 'zod';
import { pageQuerySchema } from '../../../core/pagination.js';

export const GROUP_STATUSES = ['open', 'succeeded', 'failed'] as const;
export type GroupStatus = (typeof GROUP_STATUSES)[number];
export const SETTLEMENTS = ['refunded', 'cancelled', 'nothing'] as const;

const instant = z.iso.datetime({ offset: true, message: 'must be a date and time such as 2026-12-01T00:00:00+08:00' });
const key = z.string().trim().min(8, 'at least 8 characters').max(100, 'at most 100 characters')
  .meta({ description: 'the same key answers the first request (created: false)' });

/** A group-buy deal: one SKU sold at the group price to groups of groupSize members who all pay within windowHours. */
export const dealInputSchema = z.strictObject({
  name: z.string().trim().min(1, 'must not be empty').max(100, 'at most 100 characters'),
  skuId: z.uuid('must be an id'),
  groupSize: z.number().int('must be a whole number').min(2, 'must be 2 or more').max(100, 'must be at most 100')
    .meta({ description: 'members a group needs, the opener included, all paid' }),
  windowHours: z.number().int('must be a whole number of hours').min(1, 'must be 1 or more').max(720, 'must be at most 720')
    .meta({ description: 'how long a group stays open for members to join and pay' }),
  groupPriceCents: z.number().int('must be a whole number of cents').min(0, 'must be 0 or more').max(100_000_000, 'must be at most 100000000')
    .meta({ description: 'what each member pays; at most the SKU price' }),
  enabled: z.boolean().default(true),
  validFrom: instant.nullable().default(null),
  validUntil: instant.nullable().default(null),
}).superRefine((d, ctx) => {
  if (d.validFrom && d.validUntil && Date.parse(d.validUntil) <= Date.parse(d.validFrom)) {
    ctx.addIssue({ code: 'custom', path: ['validUntil'], message: 'must be after validFrom' });
  }
});
export type DealInput = z.infer<typeof dealInputSchema>;

export const dealSchema = z.object({
  id: z.string(), name: z.string(), skuId: z.string(), skuName: z.string(), productName: z.string(), skuPriceCents: z.number().int(),
  groupSize: z.number().int(), windowHours: z.number().int(), groupPriceCents: z.number().int(), enabled: z.boolean(),
  validFrom: z.date().nullable(), validUntil: z.date().nullable(),
  groupsOpen: z.number().int(), groupsSucceeded: z.number().int(), groupsFailed: z.number().int(),
  createdAt: z.date(), updatedAt: z.date(),
});

export const listDealsSchema = pageQuerySchema.extend({
  enabled: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
});

export const groupMemberSchema = z.object({
  memberId: z.string(), memberName: z.string().nullable(), role: z.enum(['opener', 'joiner']), orderId: z.string(), orderStatus: z.string(),
  joinedAt: z.date(), paidAt: z.date().nullable(), releasedAt: z.date().nullable(), settlement: z.enum(SETTLEMENTS).nullable(), refundId: z.string().nullable(), settledAt: z.date().nullable(),
});

export const groupSchema = z.object({
  id: z.string(), dealId: z.string(), dealName: z.string(), openerMemberId: z.string(), size: z.number().int(), groupPriceCents: z.number().int(),
  status: z.enum(GROUP_STATUSES), seatsTaken: z.number().int(), paidCount: z.number().int(),
  expiresAt: z.date(), createdAt: z.date(), succeededAt: z.date().nullable(), failedAt: z.date().nullable(),
  members: z.array(groupMemberSchema),
});

export const listGroupsSchema = pageQuerySchema.extend({
  dealId: z.uuid('must be an id').optional(),
  status: z.enum(GROUP_STATUSES, 'must be open, succeeded or failed').optional(),
});

export const seatInputSchema = z.strictObject({
  memberId: z.uuid('must be an id'), idempotencyKey: key,
  communityId: z.uuid('must be a community id').optional()
    .meta({ description: 'the community the link was followed in (its leader collects the order); a joiner without one takes the opener\'s' }),
});

export const seatSchema = z.object({ group: groupSchema, orderId: z.string(), created: z.boolean() });
