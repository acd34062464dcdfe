import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { pageOf } from '../../../core/pagination.js';
import { sendCreated, tenant } from '../../../server/access.js';
import { createStaffTaskSchema, listStaffTasksSchema, staffTaskSchema } from './contracts.js';
import { createStaffTask } from './create-staff-task.js';
import { listStaffTasks } from './list-staff-tasks.js';
import { getStaffTask } from './get-staff-task.js';
import { completeStaffTask } from './complete-staff-task.js';
import { dismissStaffTask } from './dismiss-staff-task.js';
import { reassignStaffTask } from './reassign-staff-task.js';

const idParams = z.object({ id: z.uuid() });
const read = { access: { role: 'analyst', scope: 'read' } } as const;
const write = { access: { role: 'operator', scope: 'write' } } as const;
// Optional as a whole: a client may post no body at all.
const noteBody = z.strictObject({ note: z.string().trim().max(1000).optional() }).nullish();
const tags = ['staff-tasks'];

/** Staff tasks: analysts read them, operators and above create, close and reassign them. */
export async function staffTaskRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/api/v1/staff-tasks', {
    config: read,
    schema: {
      tags, summary: 'Staff tasks, soonest due first; assignee=mine|unassigned|<user id>',
      querystring: listStaffTasksSchema, response: { 200: pageOf(staffTaskSchema) },
    },
  }, (req) => tenant(req, (ctx) => listStaffTasks(ctx, req.query)));

  app.post('/api/v1/staff-tasks', {
    config: write,
    schema: { tags, summary: 'Create a task for a person (the same idempotencyKey answers the same task)', body: createStaffTaskSchema, response: { 201: staffTaskSchema } },
  }, async (req, reply) => sendCreated(reply, await tenant(req, (ctx) => createStaffTask(ctx, req.body))));

  app.get('/api/v1/staff-tasks/:id', {
    config: read, schema: { tags, params: idParams, response: { 200: staffTaskSchema } },
  }, (req) => tenant(req, (ctx) => getStaffTask(ctx, req.params.id)));

  app.post('/api/v1/staff-tasks/:id/complete', {
    config: write,
    schema: { tags, summary: 'Mark the task done (again: no change); a handed-over send becomes sent', params: idParams, body: noteBody, response: { 200: staffTaskSchema } },
  }, (req) => tenant(req, (ctx) => completeStaffTask(ctx, { id: req.params.id, note: req.body?.note })));

  app.post('/api/v1/staff-tasks/:id/dismiss', {
    config: write,
    schema: { tags, summary: 'Close the task without doing it; a handed-over send is cancelled', params: idParams, body: noteBody, response: { 200: staffTaskSchema } },
  }, (req) => tenant(req, (ctx) => dismissStaffTask(ctx, { id: req.params.id, note: req.body?.note })));

  app.patch('/api/v1/staff-tasks/:id', {
    config: write,
    schema: {
      tags, summary: 'Reassign an open task (assigneeId null: back to the unassigned pool)', params: idParams,
      body: z.strictObject({ assigneeId: z.uuid().nullable().optional() }), response: { 200: staffTaskSchema },
    },
  }, (req) => tenant(req, (ctx) => reassignStaffTask(ctx, { id: req.params.id, assigneeId: req.body.assigneeId })));
}
