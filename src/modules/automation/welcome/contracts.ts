import { z } from 'zod';
import { pageQuerySchema } from '../../../core/pagination.js';
import { COMMUNITY_TYPES } from '../../tracking/event-contract.js';

/** Default batching window: long enough to catch a live code's burst of scans, short enough to still read as a greeting. */
export const DEFAULT_WINDOW_MINUTES = 3;
/**
 * How late a join may be reported and still be welcomed, beyond its batching window. Webhooks retry and
 * platforms deliver callbacks minutes late; an older join is history (an import of last year's chat) and
 * a welcome now would greet someone who has been in the group for months.
 */
export const LATE_JOIN_GRACE_MINUTES = 5;
/** The newcomer journey spans the first 48 hours. */
export const MAX_OFFSET_MINUTES = 48 * 60;
export const MAX_STEPS = 20;
export const MAX_SCOPE_COMMUNITIES = 500;

export const AUDIENCES = ['private', 'group'] as const;
export type Audience = (typeof AUDIENCES)[number];

const templateId = z.uuid('must be a template id');

export const scopeSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('all') }),
  z.strictObject({ kind: z.literal('type'), type: z.enum(COMMUNITY_TYPES, 'must be basic, vip or distribution') }),
  z.strictObject({
    kind: z.literal('communities'),
    communityIds: z.array(z.uuid('must be a community id')).min(1, 'pick at least one community').max(MAX_SCOPE_COMMUNITIES, `at most ${MAX_SCOPE_COMMUNITIES} communities`),
  }),
], 'must be {kind: "all"}, {kind: "type", type} or {kind: "communities", communityIds}').meta({
  description: 'which communities the flow welcomes for; the most specific flow of a community wins (communities, then type, then all)',
});
export type Scope = z.infer<typeof scopeSchema>;

export const journeyStepSchema = z.strictObject({
  offsetMinutes: z.number().int('must be a whole number of minutes').min(0, 'must be 0 or more').max(MAX_OFFSET_MINUTES, 'must be at most 2880 (48 hours)')
    .meta({ description: 'minutes after the join (private) or after the batch\'s first join (group)' }),
  templateId,
  audience: z.enum(AUDIENCES, 'must be private or group').meta({ description: 'private: to each newcomer; group: once per batch, mentioning its newcomers' }),
});
export type JourneyStep = z.infer<typeof journeyStepSchema>;

export const welcomeFlowInputSchema = z.strictObject({
  name: z.string().trim().min(1, 'must not be empty').max(100, 'at most 100 characters'),
  enabled: z.boolean().default(true),
  scope: scopeSchema,
  groupWelcome: z.strictObject({
    templateId,
    windowMinutes: z.number().int('must be a whole number of minutes').min(0, 'must be 0 or more').max(60, 'must be at most 60').default(DEFAULT_WINDOW_MINUTES)
      .meta({ description: 'joins within this many minutes of the first are welcomed in one message; 0 = each join alone' }),
  }),
  privateWelcome: z.strictObject({ templateId }).nullable().default(null).meta({ description: 'a private message to each newcomer (e.g. with a benefit); null: none' }),
  journey: z.array(journeyStepSchema).max(MAX_STEPS, `at most ${MAX_STEPS} steps`).default([])
    .superRefine((steps, ctx) => {
      steps.forEach((s, i) => {
        const prev = steps[i - 1];
        if (prev && s.offsetMinutes < prev.offsetMinutes) {
          ctx.addIssue({ code: 'custom', path: [i, 'offsetMinutes'], message: `steps are in order: must not be earlier than step ${i} (${prev.offsetMinutes} minutes)` });
        }
      });
    }),
});
export type WelcomeFlowInput = z.input<typeof welcomeFlowInputSchema>;
export type WelcomeFlowValues = z.output<typeof welcomeFlowInputSchema>;

const templateRef = z.object({ id: z.string(), name: z.string().nullable().meta({ description: 'null: the template was deleted' }), status: z.string().nullable() });

export const welcomeFlowSchema = z.object({
  id: z.string(),
  name: z.string(),
  enabled: z.boolean(),
  scope: z.union([
    z.object({ kind: z.literal('all') }),
    z.object({ kind: z.literal('type'), type: z.enum(COMMUNITY_TYPES) }),
    z.object({ kind: z.literal('communities'), communityIds: z.array(z.string()), communities: z.array(z.object({ id: z.string(), name: z.string() })) }),
  ]),
  groupWelcome: z.object({ templateId: z.string(), windowMinutes: z.number().int(), template: templateRef }),
  privateWelcome: z.object({ templateId: z.string(), template: templateRef }).nullable(),
  journey: z.array(journeyStepSchema.extend({ templateId: z.string(), template: templateRef })),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type WelcomeFlow = z.infer<typeof welcomeFlowSchema>;

export const BATCH_STATUSES = ['pending', 'sending', 'awaiting_staff', 'sent', 'failed', 'cancelled', 'refused'] as const;

export const welcomeBatchSchema = z.object({
  id: z.string(),
  communityId: z.string(),
  communityName: z.string(),
  flowId: z.string().nullable(),
  flowName: z.string().nullable(),
  windowStart: z.date().meta({ description: 'the first join of the batch' }),
  windowEnd: z.date(),
  newcomers: z.array(z.object({ memberId: z.string(), name: z.string() })),
  dropped: z.number().int().meta({ description: 'joins left out because the member had left' }),
  status: z.enum(BATCH_STATUSES).meta({ description: 'the group welcome\'s outbox status; refused: it could not be queued (see error)' }),
  error: z.string().nullable(),
  problems: z.array(z.object({ memberId: z.string().nullable(), step: z.string(), error: z.string() })),
  actionId: z.string().nullable(),
  sentAt: z.date().nullable(),
  createdAt: z.date(),
});
export type WelcomeBatch = z.infer<typeof welcomeBatchSchema>;

export const listBatchesSchema = pageQuerySchema.extend({
  flowId: z.uuid().optional(),
  communityId: z.uuid().optional(),
});
export type ListBatchesInput = z.input<typeof listBatchesSchema>;
