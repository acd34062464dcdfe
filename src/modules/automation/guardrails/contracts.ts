import { z } from 'zod';

/**
 * The contract that makes an outbox action "automated" and subject to the guardrails (docs/automation.md):
 * `payload.automated === true` and `payload.class` one of these. Anything else, such as a message an
 * operator types in the console, is never held. An automated action without a known class is treated as
 * marketing, the stricter of the two.
 */
export const AUTOMATION_CLASSES = ['marketing', 'service'] as const;
export type AutomationClass = (typeof AUTOMATION_CLASSES)[number];

export interface AutomatedPayload { automated: true; class: AutomationClass }

/** The class of an automated action, or null for an action the guardrails leave alone. */
export function automationClass(payload: Record<string, unknown> | null | undefined): AutomationClass | null {
  if (payload?.automated !== true) return null;
  return payload.class === 'service' ? 'service' : 'marketing';
}

/** What a rule puts into an action's payload to mark it automated. */
export const automated = (cls: AutomationClass): AutomatedPayload => ({ automated: true, class: cls });

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a 24-hour time "HH:MM", e.g. "22:00"');
const cap = z.number().int('must be a whole number').min(1, 'must be at least 1 (null means no cap)').max(1000, 'must be at most 1000').nullable();
const keyword = z.string().trim().min(1, 'must not be empty').max(40, 'at most 40 characters');

export const guardrailSettingsSchema = z.strictObject({
  quietHours: z.strictObject({
    start: clock.meta({ description: 'local time the quiet hours begin, in the workspace time zone' }),
    end: clock.meta({ description: 'local time sending is allowed again; before start = the window crosses midnight; equal to start = no quiet hours' }),
  }),
  memberMarketingPerDay: cap.meta({ description: 'automated marketing private messages per member per local day; null = no cap' }),
  groupMarketingPerDay: cap.meta({ description: 'automated marketing group messages per group per local day; null = no cap' }),
  optOutKeywords: z.array(keyword).min(1, 'keep at least one keyword, so members can always opt out').max(50, 'at most 50 keywords')
    .meta({ description: 'a member\'s whole message (trimmed, case and width ignored) equal to one of these opts them out' }),
});
export type GuardrailSettings = z.infer<typeof guardrailSettingsSchema>;

export const DEFAULT_GUARDRAILS: GuardrailSettings = {
  quietHours: { start: '22:00', end: '08:00' },
  memberMarketingPerDay: 1,
  groupMarketingPerDay: 3,
  optOutKeywords: ['退订', 'TD', 'td', 'stop', 'STOP'],
};

export const guardrailSettingsViewSchema = z.object({
  settings: guardrailSettingsSchema,
  defaults: guardrailSettingsSchema,
  timeZone: z.string().meta({ description: 'the workspace time zone the quiet hours and local days are read in' }),
  updatedAt: z.date().nullable(),
  updatedBy: z.string().nullable(),
});
export type GuardrailSettingsView = z.infer<typeof guardrailSettingsViewSchema>;

export const OPT_OUT_SOURCES = ['keyword', 'operator'] as const;
export const optOutSchema = z.object({
  memberId: z.string(),
  displayName: z.string(),
  optedOutAt: z.date().nullable().meta({ description: 'null: switched on the member page, which keeps no time' }),
  source: z.enum(OPT_OUT_SOURCES).nullable().meta({ description: 'keyword (the member wrote one), operator (by hand here), null (switched on the member page)' }),
  keyword: z.string().nullable(),
  eventId: z.string().nullable(),
  actorName: z.string().nullable(),
});
export type OptOut = z.infer<typeof optOutSchema>;
