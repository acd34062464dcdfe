import { z } from 'zod';
import { AUTOMATION_CLASSES } from '../guardrails/contracts.js';

export const COMMUNITY_TYPES = ['basic', 'vip', 'distribution'] as const;

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a 24-hour time "HH:MM", e.g. "09:30"');
/** A real calendar day: 2028-02-29 passes, 2027-02-29 and 2026-04-31 do not. */
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date "YYYY-MM-DD"')
  .refine((s) => new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s, 'is not a calendar date');

export const recurrenceSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('daily') }),
  z.strictObject({
    kind: z.literal('weekdays'),
    days: z.array(z.number().int().min(1, 'ISO weekday: 1 = Monday ... 7 = Sunday').max(7, 'ISO weekday: 1 = Monday ... 7 = Sunday'))
      .min(1, 'choose at least one weekday').max(7).default([1, 2, 3, 4, 5]),
  }),
  z.strictObject({ kind: z.literal('dates'), dates: z.array(isoDate).min(1, 'give at least one date').max(366) }),
  z.strictObject({
    kind: z.literal('after_open'),
    days: z.array(z.number().int().min(0, 'day 0 is the day the community opened').max(3650)).min(1, 'give at least one day').max(60)
      .meta({ description: 'days after the community opened: 0 = the local day it opened' }),
  }),
]);

export const stepInputSchema = z.strictObject({
  id: z.uuid().optional().meta({ description: 'an existing step of this plan, kept (and its history with it); absent: a new step' }),
  label: z.string().trim().max(100).default(''),
  time: clock.meta({ description: 'local time of day in the workspace time zone' }),
  recurrence: recurrenceSchema,
  templateId: z.uuid(),
  class: z.enum(AUTOMATION_CLASSES).default('marketing').meta({ description: 'guardrail class: marketing (capped) or service' }),
  endsOn: isoDate.nullable().default(null).meta({ description: 'last local day the step may fire' }),
});
export type StepInput = z.infer<typeof stepInputSchema>;

export const planInputSchema = z.strictObject({
  name: z.string().trim().min(1, 'must not be empty').max(200),
  enabled: z.boolean().default(true),
  communityTypes: z.array(z.enum(COMMUNITY_TYPES)).max(3).default([])
    .meta({ description: 'every community of these types, including ones created later' }),
  communityIds: z.array(z.uuid()).max(10000).default([]),
  steps: z.array(stepInputSchema).min(1, 'a plan needs at least one step').max(100),
});
export type PlanInput = z.infer<typeof planInputSchema>;

export const stepSchema = z.object({
  id: z.string(), position: z.number().int(), label: z.string(), time: z.string(), recurrence: recurrenceSchema,
  templateId: z.string(), templateName: z.string(), class: z.enum(AUTOMATION_CLASSES), endsOn: z.string().nullable(),
});
export const planSchema = z.object({
  id: z.string(), name: z.string(), enabled: z.boolean(), communityTypes: z.array(z.enum(COMMUNITY_TYPES)), communityIds: z.array(z.string()),
  steps: z.array(stepSchema), targets: z.number().int().meta({ description: 'communities the plan applies to now' }),
  createdAt: z.date(), updatedAt: z.date(),
});
export type PlanView = z.infer<typeof planSchema>;
export const planListItemSchema = planSchema.omit({ steps: true }).extend({ stepCount: z.number().int() });

export const capWarningSchema = z.object({
  date: z.string(), communities: z.number().int().meta({ description: 'communities over the cap that day' }),
  maxSends: z.number().int().meta({ description: 'the most automated marketing group sends planned for one of them' }),
  cap: z.number().int(), examples: z.array(z.object({ communityId: z.string(), name: z.string(), sends: z.number().int() })),
});
export type CapWarning = z.infer<typeof capWarningSchema>;

export const presetSchema = z.discriminatedUnion('preset', [
  z.strictObject({
    preset: z.literal('opening_ceremony'),
    name: z.string().trim().min(1).max(200).default('开群仪式'),
    communityTypes: planInputSchema.shape.communityTypes, communityIds: planInputSchema.shape.communityIds,
    templates: z.strictObject({ welcome: z.uuid(), value: z.uuid(), rules: z.uuid(), closing: z.uuid() }),
  }),
  z.strictObject({
    preset: z.literal('pre_heat'),
    name: z.string().trim().min(1).max(200).default('大促预热'),
    communityTypes: planInputSchema.shape.communityTypes, communityIds: planInputSchema.shape.communityIds,
    saleDate: isoDate, saleTime: clock.default('20:00'),
    templates: z.strictObject({ topic: z.uuid(), reminder: z.uuid(), link: z.uuid() }),
  }),
]);
export type PresetInput = z.infer<typeof presetSchema>;

export const OCCURRENCE_STATUSES = ['planned', 'pending', 'held', 'sent', 'failed', 'cancelled', 'missed', 'refused'] as const;
export const calendarQuerySchema = z.object({
  from: isoDate, to: isoDate.meta({ description: 'inclusive; at most 62 days after from' }),
  communityId: z.uuid().optional().meta({ description: 'one community; absent: every community, grouped by day' }),
  planId: z.uuid().optional(),
});
export type CalendarQuery = z.infer<typeof calendarQuerySchema>;

const occurrenceBase = { at: z.date(), localTime: z.string(), planId: z.string(), planName: z.string(), stepId: z.string(), stepLabel: z.string(), templateName: z.string(), class: z.enum(AUTOMATION_CLASSES) };
export const calendarSchema = z.object({
  from: z.string(), to: z.string(), timeZone: z.string(), cap: z.number().int().nullable(), communityId: z.string().nullable(),
  days: z.array(z.object({
    date: z.string(),
    overCap: z.boolean().meta({ description: 'a community that day has more automated marketing group sends planned than the cap' }),
    communitiesOverCap: z.number().int(),
    occurrences: z.array(z.object({
      ...occurrenceBase,
      communities: z.number().int().meta({ description: 'how many communities this occurrence is for (1 for one community)' }),
      statuses: z.partialRecord(z.enum(OCCURRENCE_STATUSES), z.number().int()),
      status: z.enum(OCCURRENCE_STATUSES).nullable().meta({ description: 'for one community: this occurrence\'s status' }),
      error: z.string().nullable(),
    })),
  })),
});
export type CalendarView = z.infer<typeof calendarSchema>;
