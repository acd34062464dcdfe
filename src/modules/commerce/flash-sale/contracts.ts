import { z } from 'zod';
import { pageQuerySchema } from '../../../core/pagination.js';

const instant = z.iso.datetime({ offset: true, message: 'must be a date and time such as 2026-12-01T10:00:00+08:00' });
const key = z.string().min(8, 'at least 8 characters').max(100, 'at most 100 characters');

export const itemInputSchema = z.strictObject({
  skuId: z.uuid('must be a SKU id'),
  salePriceCents: z.number().int('must be a whole number of cents').min(0, 'must be 0 or more'),
  saleStock: z.number().int('must be a whole number').min(1, 'must be 1 or more').max(1_000_000, 'at most 1000000'),
});

/** A session as the console writes it (create and replace). */
export const sessionInputSchema = z.strictObject({
  name: z.string().trim().min(1, 'needs a name').max(100, 'at most 100 characters'),
  startsAt: instant,
  endsAt: instant,
  perMemberLimit: z.number().int('must be a whole number').min(1, 'must be 1 or more').max(1000, 'at most 1000'),
  enabled: z.boolean().default(true),
  bucketCount: z.number().int('must be a whole number').min(1, 'must be 1 or more').max(64, 'at most 64').default(8)
    .meta({ description: 'rows each SKU\'s sale stock is split over, so concurrent buyers do not queue on one row' }),
  items: z.array(itemInputSchema).min(1, 'a session sells at least one SKU').max(50, 'at most 50 SKUs'),
  communityId: z.uuid('must be a community id').nullable().default(null).meta({ description: 'the group that gets the pre-heat reminder' }),
  reminderText: z.string().trim().min(1, 'cannot be empty').max(2000, 'at most 2000 characters').nullable().default(null)
    .meta({ description: '{{session.name}} and {{startsAt}} are filled in' }),
  remindMinutesBefore: z.number().int('must be a whole number').min(1, 'must be 1 or more').max(10080, 'at most a week (10080)').default(60),
}).superRefine((s, ctx) => {
  if (Date.parse(s.endsAt) <= Date.parse(s.startsAt)) ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'must be after the start' });
  const seen = new Set<string>();
  s.items.forEach((it, i) => {
    if (seen.has(it.skuId)) ctx.addIssue({ code: 'custom', path: ['items', i, 'skuId'], message: 'this SKU is in the session twice' });
    seen.add(it.skuId);
  });
  if ((s.communityId === null) !== (s.reminderText === null)) {
    ctx.addIssue({ code: 'custom', path: [s.communityId === null ? 'communityId' : 'reminderText'], message: 'a reminder needs both a group and a text' });
  }
});
export type SessionInput = z.output<typeof sessionInputSchema>;

export const listSessionsSchema = pageQuerySchema.extend({
  state: z.enum(['upcoming', 'live', 'ended']).optional(),
});

const itemSchema = z.object({
  skuId: z.string(), productName: z.string(), skuName: z.string(), priceCents: z.number().int(), salePriceCents: z.number().int(),
  saleStock: z.number().int(), sold: z.number().int(), left: z.number().int(),
});

export const sessionSchema = z.object({
  id: z.string(), name: z.string(), startsAt: z.date(), endsAt: z.date(), perMemberLimit: z.number().int(), enabled: z.boolean(),
  bucketCount: z.number().int(), state: z.enum(['upcoming', 'live', 'ended']),
  communityId: z.string().nullable(), reminderText: z.string().nullable(), remindMinutesBefore: z.number().int(),
  remindedAt: z.date().nullable(), reminderError: z.string().nullable(),
  items: z.array(itemSchema), createdAt: z.date(), updatedAt: z.date(),
});

export const statsSchema = z.object({
  sessionId: z.string(),
  /** Units admitted and not given back. */
  sold: z.number().int(),
  /** Units still in the buckets. */
  left: z.number().int(),
  /** Buyers admitted (an order each), given back or not. */
  admitted: z.number().int(),
  /** Admissions that gave their units back (unpaid orders cancelled). */
  returned: z.number().int(),
  /** Admissions refused inside or outside the window (sold out, over the limit, not open). */
  refused: z.number().int(),
  perSku: z.array(z.object({ skuId: z.string(), sold: z.number().int(), left: z.number().int(), buckets: z.array(z.number().int()) })),
});

export const admitInputSchema = z.strictObject({
  memberId: z.uuid('must be a member id'),
  skuId: z.uuid('must be a SKU id'),
  quantity: z.number().int('must be a whole number').min(1, 'must be 1 or more').max(1000, 'at most 1000').default(1),
  idempotencyKey: key,
});
export type AdmitInput = z.input<typeof admitInputSchema>;

export const admissionSchema = z.object({
  admissionId: z.string(), sessionId: z.string(), skuId: z.string(), memberId: z.string(), quantity: z.number().int(),
  orderId: z.string(), totalCents: z.number().int(), created: z.boolean(),
});
