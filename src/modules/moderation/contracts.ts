import { z } from 'zod';
import { pageQuerySchema } from '../../core/pagination.js';
import type { RuleKind } from './engine/types.js';

export const LADDER_STEPS = ['warn', 'mute_1d', 'mute_7d', 'mute_15d', 'remove'] as const;
export type LadderStep = (typeof LADDER_STEPS)[number];
export const COMMUNITY_TYPES = ['basic', 'vip', 'distribution'] as const;
export const SCOPE_KINDS = ['workspace', 'community_type', 'community'] as const;
/** The engine's rule kinds (engine/types.ts RULE_KINDS), as a tuple zod can enumerate. */
export const RULE_KINDS = ['words', 'links', 'qr_codes', 'contacts', 'flooding', 'repeats', 'newcomer_links'] as const satisfies readonly RuleKind[];
export const VIOLATION_RULES = [...RULE_KINDS, 'block_list'] as const;

const domain = z.string().trim().toLowerCase().regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'must be a domain such as example.com');
const domains = z.array(domain).max(200, 'at most 200 domains').default([]);
const count = (min: number, max: number) => z.number().int('must be a whole number').min(min, `must be ${min} or more`).max(max, `must be at most ${max}`);

/** A rule set's settings as stored: the engine's RuleSet, with word list categories in place of the terms. */
export const ruleSettingsSchema = z.strictObject({
  words: z.strictObject({
    enabled: z.boolean(),
    categories: z.array(z.string().trim().min(1).max(40)).max(50).default([])
      .meta({ description: 'word list categories applied; empty: every category' }),
  }),
  links: z.strictObject({ enabled: z.boolean(), allowDomains: domains.meta({ description: 'links to these domains (and subdomains) are allowed' }) }),
  qrCodes: z.strictObject({ enabled: z.boolean(), allowDomains: domains }),
  contacts: z.strictObject({ enabled: z.boolean() }),
  flooding: z.strictObject({ enabled: z.boolean(), maxMessages: count(2, 100), perSeconds: count(5, 3600) }),
  repeats: z.strictObject({ enabled: z.boolean(), minGroups: count(2, 50), withinMinutes: count(1, 1440) }),
  newcomerLinks: z.strictObject({ enabled: z.boolean(), withinMinutes: count(1, 10_080) }),
  warnText: z.string().trim().min(1, 'must not be empty').max(300, 'at most 300 characters')
    .meta({ description: 'the warning posted in the group, after a mention of the member' }),
});
export type RuleSettings = z.output<typeof ruleSettingsSchema>;

export const DEFAULT_RULE_SETTINGS: RuleSettings = {
  words: { enabled: true, categories: [] },
  links: { enabled: true, allowDomains: [] },
  qrCodes: { enabled: true, allowDomains: [] },
  contacts: { enabled: true },
  flooding: { enabled: true, maxMessages: 8, perSeconds: 60 },
  repeats: { enabled: true, minGroups: 3, withinMinutes: 30 },
  newcomerLinks: { enabled: true, withinMinutes: 30 },
  warnText: '请遵守群规：禁止广告、引流和刷屏，多次违规将被移出群聊。',
};

export const scopeSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('workspace') }),
  z.strictObject({ kind: z.literal('community_type'), communityType: z.enum(COMMUNITY_TYPES, 'must be basic, vip or distribution') }),
  z.strictObject({ kind: z.literal('community'), communityId: z.uuid('must be a community id') }),
], 'must be workspace, community_type or community');
export type Scope = z.infer<typeof scopeSchema>;

export const ruleSetInputSchema = z.strictObject({
  scope: scopeSchema,
  enabled: z.boolean().default(true),
  rules: ruleSettingsSchema,
});
export const ruleSetUpdateSchema = ruleSetInputSchema.omit({ scope: true });

export const ruleSetSchema = z.object({
  id: z.string(),
  scope: z.object({ kind: z.enum(SCOPE_KINDS), communityType: z.enum(COMMUNITY_TYPES).nullable(), communityId: z.string().nullable(), communityName: z.string().nullable() }),
  enabled: z.boolean(),
  rules: ruleSettingsSchema,
  version: z.number().int(),
  updatedAt: z.date(),
});
export type RuleSetView = z.infer<typeof ruleSetSchema>;

export const moderationSettingsSchema = z.strictObject({
  ladder: z.array(z.enum(LADDER_STEPS, 'must be warn, mute_1d, mute_7d, mute_15d or remove')).min(1, 'keep at least one step').max(10, 'at most 10 steps')
    .meta({ description: 'a member\'s n-th counted violation within the window takes the n-th step; past the end, the last step again' }),
  strikeWindowDays: count(1, 365).meta({ description: 'violations older than this no longer count towards the ladder' }),
});
export type ModerationSettings = z.infer<typeof moderationSettingsSchema>;
export const DEFAULT_MODERATION_SETTINGS: ModerationSettings = { ladder: ['warn', 'mute_1d', 'mute_7d', 'remove'], strikeWindowDays: 30 };

export const wordImportSchema = z.strictObject({
  text: z.string().max(2_000_000, 'at most 2,000,000 characters').meta({ description: 'one term a line, optionally "term,category" (see docs/moderation.md)' }),
  mode: z.enum(['replace', 'merge'], 'must be replace or merge').default('merge')
    .meta({ description: 'replace: the categories in the file lose their other terms; merge: terms are added' }),
  defaultCategory: z.string().trim().regex(/^[\p{L}\p{N}_-]{1,40}$/u, 'letters, digits, _ or - (at most 40)').default('default')
    .meta({ description: 'the category of lines that name none' }),
});
export const wordImportResultSchema = z.object({
  imported: z.number().int(), categories: z.array(z.object({ category: z.string(), terms: z.number().int() })),
  errors: z.array(z.object({ line: z.number().int(), message: z.string() })),
});
export const wordCategoriesSchema = z.object({ categories: z.array(z.object({ category: z.string(), terms: z.number().int() })), version: z.number().int() });

export const findingSchema = z.object({ rule: z.enum(RULE_KINDS), category: z.string(), evidence: z.string() });

export const testMessageSchema = z.strictObject({
  communityId: z.uuid('must be a community id').optional().meta({ description: 'judge with this group\'s effective rules' }),
  scope: scopeSchema.optional().meta({ description: 'or with this scope\'s rule set (when neither: the workspace default)' }),
  rules: ruleSettingsSchema.optional().meta({ description: 'an unsaved draft to judge with instead of the stored rules' }),
  memberId: z.uuid('must be a member id').optional().meta({ description: 'count this member\'s strikes for the step' }),
  text: z.string().max(5000, 'at most 5000 characters'),
  imageDataUrl: z.string().max(5_000_000).optional(),
  qrPayloads: z.array(z.string().max(2000)).max(10).optional(),
});
export const testResultSchema = z.object({
  findings: z.array(findingSchema),
  ruleSetId: z.string().nullable().meta({ description: 'the rule set that applied; null: no rules, nothing is enforced' }),
  exempt: z.boolean(),
  step: z.enum(LADDER_STEPS).nullable().meta({ description: 'the step a violation would take now' }),
  strike: z.number().int().nullable(),
});

export const violationSchema = z.object({
  id: z.string(), eventId: z.string(), occurredAt: z.date(),
  communityId: z.string().nullable(), communityName: z.string().nullable(),
  memberId: z.string(), memberName: z.string(),
  rule: z.enum(VIOLATION_RULES), category: z.string(), evidence: z.string(), findings: z.array(findingSchema), messageText: z.string().nullable(),
  step: z.enum(LADDER_STEPS), strike: z.number().int(),
  actionId: z.string().nullable(), actionStatus: z.string().nullable(), actionError: z.string().nullable(),
  status: z.enum(['active', 'reversed']), reversedBy: z.string().nullable(), reversedAt: z.date().nullable(), reversedReason: z.string().nullable(),
  reinviteActionId: z.string().nullable(),
});
export type Violation = z.infer<typeof violationSchema>;

export const violationQuerySchema = pageQuerySchema.extend({
  communityId: z.uuid('must be a community id').optional(),
  memberId: z.uuid('must be a member id').optional(),
  rule: z.enum(VIOLATION_RULES).optional(),
  status: z.enum(['active', 'reversed']).optional(),
});
export type ViolationQuery = z.output<typeof violationQuerySchema>;

export const reversalSchema = z.strictObject({
  reason: z.string().trim().min(1, 'say why the decision is reversed').max(500, 'at most 500 characters'),
  reinvite: z.boolean().default(false).meta({ description: 'after a removal: queue an invitation back into the group' }),
});

export const memberEntrySchema = z.object({ memberId: z.string(), memberName: z.string(), note: z.string().nullable(), createdAt: z.date() });
export const memberEntryInputSchema = z.strictObject({
  memberId: z.uuid('must be a member id'),
  note: z.string().trim().max(300, 'at most 300 characters').optional(),
});

export const statsQuerySchema = z.object({ days: z.coerce.number().int().min(1).max(365).default(30) });
export const statsSchema = z.object({
  days: z.number().int(),
  communities: z.array(z.object({
    communityId: z.string().nullable(), communityName: z.string().nullable(), violations: z.number().int(), reversed: z.number().int(),
    members: z.number().int(), removals: z.number().int(), byRule: z.record(z.string(), z.number().int()),
  })),
});
