import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { pageOf, pageQuerySchema } from '../../../core/pagination.js';
import { sendCreated, tenant } from '../../../server/access.js';
import { calendarQuerySchema, calendarSchema, capWarningSchema, planInputSchema, planListItemSchema, planSchema, presetSchema } from './contracts.js';
import { checkPlan } from './check-plan.js';
import { createPlan } from './create-plan.js';
import { deletePlan } from './delete-plan.js';
import { getPlan } from './get-plan.js';
import { listPlans } from './list-plans.js';
import { planCalendar } from './plan-calendar.js';
import { presetPlan } from './presets.js';
import { updatePlan } from './update-plan.js';

const read = { access: { role: 'analyst', scope: 'read' } } as const;
const write = { access: { role: 'operator', scope: 'write' } } as const;
const tags = ['sop'];
const idParams = z.object({ id: z.uuid() });
const checkSchema = z.object({ cap: z.number().int().nullable(), days: z.number().int(), warnings: z.array(capWarningSchema) });

export async function sopRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/api/v1/sop/plans', {
    config: read, schema: { tags, summary: 'SOP plans by name', querystring: pageQuerySchema, response: { 200: pageOf(planListItemSchema) } },
  }, (req) => tenant(req, (ctx) => listPlans(ctx, req.query)));

  app.post('/api/v1/sop/plans', {
    config: write, schema: { tags, summary: 'Create a plan; its targets are scheduled at once', body: planInputSchema, response: { 201: planSchema } },
  }, async (req, reply) => sendCreated(reply, await tenant(req, (ctx) => createPlan(ctx, req.body))));

  app.post('/api/v1/sop/plans/preset', {
    config: write,
    schema: { tags, summary: 'Create a ready plan: opening ceremony or pre-heat before a sale (docs/automation.md)', body: presetSchema, response: { 201: planSchema } },
  }, async (req, reply) => sendCreated(reply, await tenant(req, (ctx) => createPlan(ctx, presetPlan(req.body)))));

  app.post('/api/v1/sop/plans/preset/preview', {
    config: read, schema: { tags, summary: 'The plan a preset would create, unsaved (for the editor)', body: presetSchema, response: { 200: planInputSchema } },
  }, async (req) => presetPlan(req.body));

  app.post('/api/v1/sop/plans/check', {
    config: read,
    schema: {
      tags, summary: 'Cap warnings for an unsaved plan over the next 31 local days', body: planInputSchema.extend({ planId: z.uuid().optional().meta({ description: 'the plan being edited, left out of "the other plans"' }) }),
      response: { 200: checkSchema },
    },
  }, (req) => tenant(req, (ctx) => { const { planId, ...draft } = req.body; return checkPlan(ctx, draft, planId); }));

  app.get('/api/v1/sop/plans/:id', {
    config: read, schema: { tags, params: idParams, response: { 200: planSchema } },
  }, (req) => tenant(req, (ctx) => getPlan(ctx, req.params.id)));

  app.put('/api/v1/sop/plans/:id', {
    config: write,
    schema: { tags, summary: 'Replace name, switch, attachments and steps; steps sent with their id are kept', params: idParams, body: planInputSchema, response: { 200: planSchema } },
  }, (req) => tenant(req, (ctx) => updatePlan(ctx, req.params.id, req.body)));

  app.delete('/api/v1/sop/plans/:id', {
    config: write, schema: { tags, summary: 'Delete a plan (queued actions stay in the outbox)', params: idParams, response: { 200: z.object({ ok: z.boolean() }) } },
  }, (req) => tenant(req, async (ctx) => { await deletePlan(ctx, req.params.id); return { ok: true }; }));

  app.get('/api/v1/sop/calendar', {
    config: read,
    schema: { tags, summary: 'Planned and materialised occurrences per local day (at most 62 days), one community or all', querystring: calendarQuerySchema, response: { 200: calendarSchema } },
  }, (req) => tenant(req, (ctx) => planCalendar(ctx, req.query)));
}
