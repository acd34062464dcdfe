import { z } from 'zod';
import { pageQuerySchema } from '../../../core/pagination.js';
import { ACTION_KINDS } from '../enqueue-action.js';

export const ACTION_STATUSES = ['pending', 'sending', 'awaiting_staff', 'sent', 'failed', 'cancelled'] as const;

/** One outbox row as the operator sees it: what was asked, for whom, and how its delivery went. */
export const outboxActionSchema = z.object({
  id: z.string(),
  kind: z.enum(ACTION_KINDS),
  channel: z.string(),
  status: z.enum(ACTION_STATUSES),
  communityId: z.string().nullable(),
  communityName: z.string().nullable(),
  memberId: z.string().nullable(),
  memberName: z.string().nullable(),
  /** The message text or task title, as far as the payload has one. */
  summary: z.string(),
  /** Asked for by a rule (payload.automated), with its guardrail class; null for an operator's action. */
  automation: z.enum(['marketing', 'service']).nullable(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  nextAttemptAt: z.date(),
  createdAt: z.date(),
  sentAt: z.date().nullable(),
});
export type OutboxAction = z.infer<typeof outboxActionSchema>;

const csv = <T extends readonly [string, ...string[]]>(values: T) => z.preprocess(
  (v) => (typeof v === 'string' ? v.split(',').filter(Boolean) : v),
  z.array(z.enum(values)).max(values.length).optional(),
);

export const listOutboxSchema = pageQuerySchema.extend({
  /** Comma-separated, e.g. "failed,cancelled". */
  status: csv(ACTION_STATUSES),
  kind: csv(ACTION_KINDS),
  communityId: z.uuid().optional(),
});
export type ListOutboxQuery = z.infer<typeof listOutboxSchema>;

export const outboxCountsSchema = z.object(Object.fromEntries(ACTION_STATUSES.map((s) => [s, z.number().int()])) as Record<(typeof ACTION_STATUSES)[number], z.ZodNumber>);
