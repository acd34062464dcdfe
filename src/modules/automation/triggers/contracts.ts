import { z } from 'zod';
import { pageQuerySchema } from '../../../core/pagination.js';
import { COMMUNITY_TYPES } from '../../tracking/event-contract.js';
import { SEGMENTS } from '../../analytics/segments.js';
import { AUTOMATION_CLASSES } from '../guardrails/contracts.js';

/** Events a rule can wait for: those a member does (page views and orders carry no group, so no group send). */
export const TRIGGER_EVENT_TYPES = [
  'member.joined', 'member.left', 'member.checked_in', 'message.sent', 'message.reaction', 'invite.accepted',
  'poster.shared', 'order.paid', 'custom',
] as const;
export const WHEN_KINDS = ['event', 'invite_sent', 'segment', 'signal'] as const;
export type WhenKind = (typeof WHEN_KINDS)[number];
export const CONDITIONS = ['not_in_group', 'in_group', 'still_silent', 'still_in_segment'] as const;
export type Condition = (typeof CONDITIONS)[number];
export const DURATION_UNITS = ['minutes', 'hours', 'days'] as const;
export const FIRING_STATUSES = ['scheduled', 'done', 'skipped'] as const;
const MINUTES: Record<(typeof DURATION_UNITS)[number], number> = { minutes: 1, hours: 60, days: 1440 };

export const durationSchema = z.strictObject({
  amount: z.number().int('must be a whole number').min(1, 'must be at least 1').max(10000, 'must be at most 10000'),
  unit: z.enum(DURATION_UNITS),
});
export type Duration = z.infer<typeof durationSchema>;
export const minutesOf = (d: Duration | null | undefined) => (d ? d.amount * MINUTES[d.unit] : 0);

export const scopeSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('all') }),
  z.strictObject({ kind: z.literal('type'), type: z.enum(COMMUNITY_TYPES) }),
  z.strictObject({ kind: z.literal('communities'), communityIds: z.array(z.uuid()).min(1, 'name at least one community').max(500) }),
]).meta({ description: 'which communities the rule watches: all, every community of a type, or the given ones' });
export type TriggerScope = z.infer<typeof scopeSchema>;

export const whenSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('event'),
    eventType: z.enum(TRIGGER_EVENT_TYPES),
    keyword: z.string().trim().min(1).max(100).optional().meta({ description: 'message.sent only: the text contains this (case and width ignored)' }),
    name: z.string().trim().min(1).max(100).optional().meta({ description: 'custom only: the custom event\'s name' }),
  }),
  z.strictObject({ kind: z.literal('invite_sent') }).meta({ description: 'an invite action of the outbox was sent' }),
  z.strictObject({
    kind: z.literal('segment'),
    segment: z.enum(SEGMENTS),
    silentDays: z.number().int().min(1).max(90).optional().meta({ description: 'and no message, reaction or check-in for this many days' }),
    minTenureDays: z.number().int().min(1).max(365).optional().meta({ description: 'and in the group for at least this many days' }),
  }),
  z.strictObject({ kind: z.literal('signal'), signal: z.literal('leave_spike') }),
]);
export type TriggerWhen = z.infer<typeof whenSchema>;

const textOf = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);
export const doSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('send_template'),
    templateId: z.uuid(),
    audience: z.enum(['private', 'group']).meta({ description: 'private: to the member; group: to the group' }),
    class: z.enum(AUTOMATION_CLASSES).meta({ description: 'for the guardrails: marketing is capped per day, service is not' }),
  }),
  z.strictObject({
    kind: z.literal('staff_task'),
    taskKind: z.enum(['private_chat', 'care', 'custom']),
    title: textOf(200), body: z.string().max(4000).default(''),
    dueInHours: z.number().int().min(0).max(720).default(24),
    assignTo: z.enum(['community_owner', 'user', 'pool']).default('community_owner')
      .meta({ description: 'community_owner: the group\'s owner on staff (else the pool); user: assigneeId' }),
    assigneeId: z.uuid().nullish(),
  }),
  z.strictObject({ kind: z.literal('alert'), title: textOf(200), body: z.string().max(4000).default(''), assigneeId: z.uuid().nullish() }),
  z.strictObject({ kind: z.literal('invite'), communityId: z.uuid().meta({ description: 'the group to invite the member into (e.g. a vip group)' }) }),
  z.strictObject({ kind: z.literal('tag'), tag: z.string().trim().min(1).max(40) }),
]);
export type TriggerDo = z.infer<typeof doSchema>;

const ruleFields = {
  name: textOf(200),
  enabled: z.boolean(),
  scope: scopeSchema,
  when: whenSchema,
  delay: durationSchema.nullable().meta({ description: 'wait this long after the occurrence; null: at once' }),
  condition: z.enum(CONDITIONS).nullable().meta({ description: 'must still hold when the delay ends, or the firing is skipped' }),
  do: doSchema,
  capPerMember: z.number().int().min(1).max(100).nullable().meta({ description: 'at most this many firings per member, ever; null: no cap' }),
  repeatAfter: durationSchema.nullable().meta({ description: 'fire again this long after a done firing while the condition holds, up to the cap' }),
};
export const createTriggerSchema = z.strictObject({
  ...ruleFields,
  enabled: ruleFields.enabled.default(true),
  scope: ruleFields.scope.default({ kind: 'all' }),
  delay: ruleFields.delay.default(null),
  condition: ruleFields.condition.default(null),
  capPerMember: ruleFields.capPerMember.default(null),
  repeatAfter: ruleFields.repeatAfter.default(null),
});
export type CreateTriggerInput = z.input<typeof createTriggerSchema>;
export type TriggerDefinition = z.output<typeof createTriggerSchema>;
export const updateTriggerSchema = z.strictObject(ruleFields).partial();
export type UpdateTriggerInput = z.input<typeof updateTriggerSchema>;

export const triggerSchema = z.object({
  id: z.string(), name: z.string(), enabled: z.boolean(), preset: z.string().nullable(),
  scope: scopeSchema, when: whenSchema, delay: durationSchema.nullable(), condition: z.enum(CONDITIONS).nullable(),
  do: doSchema, capPerMember: z.number().int().nullable(), repeatAfter: durationSchema.nullable(),
  createdAt: z.date(), updatedAt: z.date(),
  firings: z.object({ scheduled: z.number().int(), done: z.number().int(), skipped: z.number().int() }),
  lastFiredAt: z.date().nullable(),
});
export type Trigger = z.infer<typeof triggerSchema>;

export const firingSchema = z.object({
  id: z.string(), ruleId: z.string(), ruleName: z.string(),
  memberId: z.string().nullable(), memberName: z.string().nullable(),
  communityId: z.string().nullable(), communityName: z.string().nullable(),
  occurrence: z.string(), occurredAt: z.date(), seq: z.number().int(), scheduledAt: z.date(),
  status: z.enum(FIRING_STATUSES), reason: z.string().nullable(),
  actionId: z.string().nullable(), actionStatus: z.string().nullable(), createdAt: z.date(), closedAt: z.date().nullable(),
});
export type Firing = z.infer<typeof firingSchema>;

export const listTriggersSchema = pageQuerySchema.extend({ enabled: z.enum(['true', 'false']).optional() });
export const listFiringsSchema = pageQuerySchema.extend({
  ruleId: z.uuid().optional(),
  status: z.enum(FIRING_STATUSES).optional(),
});
export type ListFiringsInput = z.input<typeof listFiringsSchema>;
