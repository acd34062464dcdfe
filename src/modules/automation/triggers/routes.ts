import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { pageOf } from '../../../core/pagination.js';
import { sendCreated, tenant } from '../../../server/access.js';
import { createTriggerSchema, firingSchema, listFiringsSchema, listTriggersSchema, triggerSchema, updateTriggerSchema } from './contracts.js';
import { createTrigger } from './create-trigger.js';
import { createFromPreset } from './create-from-preset.js';
import { deleteTrigger } from './delete-trigger.js';
import { getTrigger } from './get-trigger.js';
import { listFirings } from './list-firings.js';
import { listTriggers } from './list-triggers.js';
import { PRESET_KEYS, PRESETS, INVITE_REMINDER_TEXT, presetInputSchema } from './presets.js';
import { updateTrigger } from './update-trigger.js';

const read = { access: { role: 'analyst', scope: 'read' } } as const;
const write = { access: { role: 'operator', scope: 'write' } } as const;
const tags = ['triggers'];
const idParams = z.object({ id: z.uuid() });

const presetSchema = z.object({
  key: z.enum(PRESET_KEYS), name: z.string(), description: z.string(),
  needs: z.array(z.enum(['templateId', 'communityId'])).meta({ description: 'what must be given when creating from it' }),
});

/** Trigger rules and their firings: analysts read, operators and above write. */
export async function triggerRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/api/v1/triggers', {
    config: read,
    schema: { tags, summary: 'Trigger rules, most recently changed first, with their firing counts', querystring: listTriggersSchema, response: { 200: pageOf(triggerSchema) } },
  }, (req) => tenant(req, (ctx) => listTriggers(ctx, req.query)));

  app.post('/api/v1/triggers', {
    config: write, schema: { tags, summary: 'Create a rule from scratch', body: createTriggerSchema, response: { 201: triggerSchema } },
  }, async (req, reply) => sendCreated(reply, await tenant(req, (ctx) => createTrigger(ctx, req.body))));

  app.get('/api/v1/triggers/presets', {
    config: read,
    schema: {
      tags, summary: 'The presets a rule can be created from in one call',
      response: { 200: z.object({ items: z.array(presetSchema), inviteReminderText: z.string().meta({ description: 'the default text of invite_reminder\'s template' }) }) },
    },
  }, (req) => tenant(req, async () => ({ items: PRESETS, inviteReminderText: INVITE_REMINDER_TEXT })));

  app.post('/api/v1/triggers/presets/:preset', {
    config: write,
    schema: {
      tags, summary: 'Create a rule from a preset with its defaults (checkin_vip_invite needs communityId)',
      params: z.object({ preset: z.enum(PRESET_KEYS) }), body: presetInputSchema.nullish(), response: { 201: triggerSchema },
    },
  }, async (req, reply) => sendCreated(reply, await tenant(req, (ctx) => createFromPreset(ctx, req.params.preset, req.body ?? {}))));

  app.get('/api/v1/trigger-firings', {
    config: read,
    schema: { tags, summary: 'Firings, newest first (ruleId, status filter)', querystring: listFiringsSchema, response: { 200: pageOf(firingSchema) } },
  }, (req) => tenant(req, (ctx) => listFirings(ctx, req.query)));

  app.get('/api/v1/triggers/:id', {
    config: read, schema: { tags, params: idParams, response: { 200: triggerSchema } },
  }, (req) => tenant(req, (ctx) => getTrigger(ctx, req.params.id)));

  app.patch('/api/v1/triggers/:id', {
    config: write,
    schema: { tags, summary: 'Change fields of a rule, enabled included; the result is checked as a whole', params: idParams, body: updateTriggerSchema, response: { 200: triggerSchema } },
  }, (req) => tenant(req, (ctx) => updateTrigger(ctx, req.params.id, req.body)));

  app.delete('/api/v1/triggers/:id', {
    config: write,
    schema: { tags, summary: 'Delete a rule and its firings (queued actions stay)', params: idParams, response: { 200: z.object({ ok: z.boolean() }) } },
  }, (req) => tenant(req, async (ctx) => { await deleteTrigger(ctx, req.params.id); return { ok: true }; }));
}
