import { z } from 'zod';
import { pageQuerySchema } from '../../../core/pagination.js';
import { invalid } from '../../../core/errors.js';

export const TASK_KINDS = ['private_chat', 'care', 'confirm_send', 'alert', 'custom'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];
export const TASK_STATUSES = ['open', 'done', 'dismissed'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** An attachment of the content to send (an image, a mini-program card...), as the action's payload carried it. */
export const taskMediaSchema = z.record(z.string(), z.unknown());

export const staffTaskSchema = z.object({
  id: z.string(),
  kind: z.enum(TASK_KINDS),
  title: z.string(),
  body: z.string().meta({ description: 'the content ready to copy into the chat app' }),
  media: z.array(taskMediaSchema),
  communityId: z.string().nullable(),
  communityName: z.string().nullable(),
  memberId: z.string().nullable(),
  memberName: z.string().nullable(),
  assigneeId: z.string().nullable().meta({ description: 'null: unassigned, offered to every operator' }),
  assigneeName: z.string().nullable(),
  dueAt: z.date(),
  status: z.enum(TASK_STATUSES),
  closedAt: z.date().nullable().meta({ description: 'when the task was completed or dismissed' }),
  closedBy: z.string().nullable(),
  closedByName: z.string().nullable(),
  note: z.string().nullable(),
  actionId: z.string().nullable().meta({ description: 'the outbox action the task came from' }),
  actionStatus: z.string().nullable(),
  idempotencyKey: z.string(),
  createdBy: z.string().nullable(),
  createdAt: z.date(),
});
export type StaffTask = z.infer<typeof staffTaskSchema>;

const text = (max: number) => z.string().trim().min(1).max(max);

export const createStaffTaskSchema = z.strictObject({
  kind: z.enum(TASK_KINDS).default('custom'),
  title: text(200),
  body: z.string().max(8000).default(''),
  media: z.array(taskMediaSchema).max(20).default([]),
  communityId: z.uuid().nullish(),
  memberId: z.uuid().nullish(),
  assigneeId: z.uuid().nullish(),
  dueAt: z.coerce.date().optional().meta({ description: 'default: now' }),
  actionId: z.uuid().nullish(),
  idempotencyKey: text(200).optional().meta({ description: 'the same key answers the same task; default: a new task every time' }),
});
export type CreateStaffTaskInput = z.input<typeof createStaffTaskSchema>;

/** "mine": the signed-in staff member's; "unassigned": nobody's yet; a user id: that person's; absent: everyone's. */
export const listStaffTasksSchema = pageQuerySchema.extend({
  assignee: z.union([z.enum(['mine', 'unassigned']), z.uuid()]).optional(),
  status: z.enum(TASK_STATUSES).optional(),
  dueBefore: z.coerce.date().optional().meta({ description: 'only tasks due at or before this instant' }),
});
export type ListStaffTasksInput = z.input<typeof listStaffTasksSchema>;

export const closeStaffTaskSchema = z.strictObject({
  id: z.uuid(),
  note: z.string().trim().max(1000).optional(),
});
export type CloseStaffTaskInput = z.input<typeof closeStaffTaskSchema>;

export const reassignStaffTaskSchema = z.strictObject({
  id: z.uuid(),
  assigneeId: z.uuid().nullable().optional().meta({ description: 'null: back to the unassigned pool; absent: unchanged' }),
});
export type ReassignStaffTaskInput = z.input<typeof reassignStaffTaskSchema>;

/** Verbs are called by routes, rules and the outbox alike, so each validates its own input and names the field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw invalid(issue.path.join('.') || 'input', issue.message);
}
