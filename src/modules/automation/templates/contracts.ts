import { z } from 'zod';
import { CONTENT_TYPES } from './content.js';

/**
 * Content fields of every type in one object: which apply, which are required and where variables may go
 * depend on the template's content type and are checked by the verbs (content.ts), which name the field.
 */
export const contentSchema = z.object({
  text: z.string().optional().meta({ description: 'text: the message (variables allowed)' }),
  url: z.string().optional().meta({ description: 'image: the picture; link: the page (literal, no variables)' }),
  caption: z.string().optional().meta({ description: 'image: optional caption (variables allowed)' }),
  title: z.string().optional().meta({ description: 'link, mini_program: card title (variables allowed)' }),
  description: z.string().optional().meta({ description: 'link: optional card text (variables allowed)' }),
  coverUrl: z.string().optional().meta({ description: 'link, mini_program: optional cover image (literal)' }),
  appId: z.string().optional().meta({ description: 'mini_program: the app id' }),
  pagePath: z.string().optional().meta({ description: 'mini_program: the page path, e.g. pages/index/index?id=1' }),
}).strict();

export const variantInputSchema = z.object({
  key: z.string().regex(/^[A-Za-z0-9_-]{1,20}$/, 'letters, digits, _ and - only, at most 20'),
  weight: z.number().int().min(0).max(1000).meta({ description: 'share of traffic relative to the other variants; 0 pauses it' }),
  content: contentSchema,
});
export type VariantInput = z.infer<typeof variantInputSchema>;

export const createTemplateSchema = z.object({
  name: z.string().trim().min(1).max(200),
  contentType: z.enum(CONTENT_TYPES),
  variants: z.array(variantInputSchema).min(1).max(10),
});
export type CreateTemplateInput = z.infer<typeof createTemplateSchema>;

export const updateTemplateSchema = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  variants: z.array(variantInputSchema).min(1).max(10).optional()
    .meta({ description: 'the variants offered from now on: changed content makes a new version; a variant left out is retired (kept with its versions)' }),
});
export type UpdateTemplateInput = z.infer<typeof updateTemplateSchema>;

export const variantSchema = z.object({
  key: z.string(), weight: z.number().int(), version: z.number().int(), content: contentSchema,
  retired: z.boolean(), updatedAt: z.date(),
});
export const templateSchema = z.object({
  id: z.string(), name: z.string(), contentType: z.enum(CONTENT_TYPES), status: z.enum(['active', 'archived']),
  createdAt: z.date(), updatedAt: z.date(), archivedAt: z.date().nullable(),
  variants: z.array(variantSchema),
});
export type TemplateView = z.infer<typeof templateSchema>;

export const templateListItemSchema = templateSchema.omit({ variants: true }).extend({
  variants: z.array(z.object({ key: z.string(), weight: z.number().int(), version: z.number().int() })),
  sends: z.number().int().meta({ description: 'actions of this template delivered so far' }),
});

export const versionSchema = z.object({
  variantKey: z.string(), version: z.number().int(), content: contentSchema, createdAt: z.date(), createdBy: z.string().nullable(),
  createdByName: z.string().nullable(), current: z.boolean(),
});
export type VersionView = z.infer<typeof versionSchema>;

export const recipientSchema = z.object({
  communityId: z.uuid(),
  memberId: z.uuid().optional().meta({ description: 'a private send to this member; absent: a message to the whole group' }),
});

export const renderedSchema = z.object({
  variantKey: z.string(), version: z.number().int(), contentType: z.enum(CONTENT_TYPES), content: contentSchema, text: z.string(),
});
export type Rendered = z.infer<typeof renderedSchema>;

export const previewSchema = z.object({
  chosen: renderedSchema.nullable().meta({ description: 'the variant a send with this idempotencyKey would use (null without a key)' }),
  variants: z.array(z.union([
    renderedSchema.extend({ error: z.null() }),
    z.object({ variantKey: z.string(), version: z.number().int(), error: z.string() }),
  ])).meta({ description: 'every offered variant rendered for this recipient, or why it cannot be' }),
});

export const draftPreviewSchema = z.object({
  contentType: z.enum(CONTENT_TYPES), content: contentSchema, communityId: z.uuid().optional(), memberId: z.uuid().optional(),
});

export const sendTemplateBodySchema = recipientSchema.extend({ idempotencyKey: z.string().min(1).max(200).optional() });
export const sendResultSchema = z.object({ actionId: z.string(), status: z.string(), kind: z.string(), variantKey: z.string(), version: z.number().int(), text: z.string() });

export const OUTCOME_METRICS = ['replies', 'clicks', 'joins', 'orders'] as const;
export type OutcomeMetric = (typeof OUTCOME_METRICS)[number];

export const outcomesQuerySchema = z.object({
  windowHours: z.coerce.number().int().min(1).max(720).default(24).meta({ description: 'hours after each send in which an outcome counts (1-720)' }),
  metric: z.enum(OUTCOME_METRICS).default('replies').meta({ description: 'which rate the probability to be best compares' }),
});

const count = (description: string) => z.number().int().meta({ description });
const share = (description: string) => z.number().nullable().meta({ description });
export const outcomesSchema = z.object({
  templateId: z.string(),
  windowHours: z.number().int(),
  metric: z.enum(OUTCOME_METRICS),
  totalSends: z.number().int(),
  variants: z.array(z.object({
    key: z.string(), weight: z.number().int(), retired: z.boolean(),
    sends: count('actions of the variant with status sent'),
    replies: count('sends after which someone wrote (the group, or the member for a private send) within the window'),
    replyRate: share('replies / sends'),
    linkSends: count('sends that carried at least one tracked link'),
    clickedSends: count('sends whose tracked links were opened within the window'),
    clicks: count('distinct visitors who opened the links of a send within the window, summed over sends'),
    clickRate: share('clickedSends / linkSends'),
    privateSends: count('sends to one member'),
    joins: count('private sends after which the member joined a group within the window'),
    joinRate: share('joins / privateSends'),
    orderedSends: count('sends credited with at least one order (last touch within the window)'),
    orders: count('orders credited to the variant\'s sends'),
    revenueCents: z.number().int().meta({ description: 'those orders\' amounts net of their refunds, in cents' }),
    orderRate: share('orderedSends / sends'),
    probabilityBest: share('probability that this variant\'s rate of the chosen metric is the highest'),
  })),
});
export type Outcomes = z.infer<typeof outcomesSchema>;
