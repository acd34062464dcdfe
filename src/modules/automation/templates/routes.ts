import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { pageOf, pageQuerySchema } from '../../../core/pagination.js';
import { sendCreated, tenant } from '../../../server/access.js';
import {
  createTemplateSchema, draftPreviewSchema, outcomesQuerySchema, outcomesSchema, previewSchema, recipientSchema, sendResultSchema, sendTemplateBodySchema,
  templateListItemSchema, templateSchema, updateTemplateSchema, versionSchema, contentSchema,
} from './contracts.js';
import { archiveTemplate } from './archive-template.js';
import { createTemplate } from './create-template.js';
import { deleteTemplate } from './delete-template.js';
import { getTemplate } from './get-template.js';
import { getVersion } from './get-version.js';
import { listTemplates } from './list-templates.js';
import { listVersions } from './list-versions.js';
import { previewDraft } from './preview-draft.js';
import { previewTemplate } from './preview-template.js';
import { restoreTemplate } from './restore-template.js';
import { sendTemplate } from './send-template.js';
import { templateOutcomes } from './template-outcomes.js';
import { updateTemplate } from './update-template.js';

const read = { access: { role: 'analyst', scope: 'read' } } as const;
const write = { access: { role: 'operator', scope: 'write' } } as const;
const tags = ['templates'];
const idParams = z.object({ id: z.uuid() });
const variantParams = idParams.extend({ key: z.string().min(1).max(20) });

export async function templateRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/api/v1/templates', {
    config: read,
    schema: {
      tags, summary: 'Message templates, most recently changed first',
      querystring: pageQuerySchema.extend({ status: z.enum(['active', 'archived', 'all']).default('active'), q: z.string().trim().max(100).optional() }),
      response: { 200: pageOf(templateListItemSchema) },
    },
  }, (req) => tenant(req, (ctx) => listTemplates(ctx, req.query)));

  app.post('/api/v1/templates', {
    config: write, schema: { tags, summary: 'Create a template with its variants (each at version 1)', body: createTemplateSchema, response: { 201: templateSchema } },
  }, async (req, reply) => sendCreated(reply, await tenant(req, (ctx) => createTemplate(ctx, req.body))));

  app.post('/api/v1/templates/preview', {
    config: read,
    schema: {
      tags, summary: 'Render unsaved content (the editor\'s live preview); problems come back as data', body: draftPreviewSchema,
      response: { 200: z.object({ content: contentSchema, text: z.string(), problems: z.array(z.object({ path: z.string(), message: z.string() })), unfilled: z.array(z.string()) }) },
    },
  }, (req) => tenant(req, (ctx) => previewDraft(ctx, req.body)));

  app.get('/api/v1/templates/:id', {
    config: read, schema: { tags, params: idParams, response: { 200: templateSchema } },
  }, (req) => tenant(req, (ctx) => getTemplate(ctx, req.params.id)));

  app.patch('/api/v1/templates/:id', {
    config: write,
    schema: { tags, summary: 'Rename and/or replace the variants; changed content makes a new version', params: idParams, body: updateTemplateSchema, response: { 200: templateSchema } },
  }, (req) => tenant(req, (ctx) => updateTemplate(ctx, req.params.id, req.body)));

  app.delete('/api/v1/templates/:id', {
    config: write,
    schema: { tags, summary: 'Delete a template that was never sent (409 otherwise: archive it)', params: idParams, response: { 200: z.object({ ok: z.boolean() }) } },
  }, (req) => tenant(req, async (ctx) => { await deleteTemplate(ctx, req.params.id); return { ok: true }; }));

  app.post('/api/v1/templates/:id/archive', {
    config: write, schema: { tags, summary: 'Archive: no more sends or edits; versions and outcomes are kept', params: idParams, response: { 200: templateSchema } },
  }, (req) => tenant(req, (ctx) => archiveTemplate(ctx, req.params.id)));

  app.post('/api/v1/templates/:id/restore', {
    config: write, schema: { tags, summary: 'Put an archived template back in use', params: idParams, response: { 200: templateSchema } },
  }, (req) => tenant(req, (ctx) => restoreTemplate(ctx, req.params.id)));

  app.get('/api/v1/templates/:id/variants/:key/versions', {
    config: read, schema: { tags, summary: 'A variant\'s versions, newest first', params: variantParams, response: { 200: z.object({ items: z.array(versionSchema) }) } },
  }, (req) => tenant(req, async (ctx) => ({ items: await listVersions(ctx, req.params.id, req.params.key) })));

  app.get('/api/v1/templates/:id/variants/:key/versions/:version', {
    config: read,
    schema: { tags, params: variantParams.extend({ version: z.coerce.number().int().min(1) }), response: { 200: versionSchema } },
  }, (req) => tenant(req, (ctx) => getVersion(ctx, req.params.id, req.params.key, req.params.version)));

  app.post('/api/v1/templates/:id/render', {
    config: read,
    schema: {
      tags, summary: 'Render a saved template for a community (and member) without sending', params: idParams,
      body: recipientSchema.extend({ idempotencyKey: z.string().min(1).max(200).optional().meta({ description: 'the key a send would use: answers the variant it would choose' }) }),
      response: { 200: previewSchema },
    },
  }, (req) => tenant(req, (ctx) => previewTemplate(ctx, req.params.id, req.body)));

  app.post('/api/v1/templates/:id/sends', {
    config: write,
    schema: {
      tags, summary: 'Send the template to a group (or one member, privately) through the outbox', params: idParams,
      body: sendTemplateBodySchema, response: { 201: sendResultSchema },
    },
  }, async (req, reply) => sendCreated(reply, await tenant(req, async (ctx) => {
    const r = await sendTemplate(ctx, {
      templateId: req.params.id, communityId: req.body.communityId, memberId: req.body.memberId,
      idempotencyKey: req.body.idempotencyKey ?? `manual:${req.id}:${Date.now()}`,
    });
    return { actionId: r.action.id, status: r.action.status, kind: r.kind, variantKey: r.variantKey, version: r.version, text: r.text };
  })));

  app.get('/api/v1/templates/:id/outcomes', {
    config: read,
    schema: {
      tags, summary: 'Per variant: sends, replies, clicks, joins and orders within a window, and the probability to be best (docs/automation.md)',
      params: idParams, querystring: outcomesQuerySchema, response: { 200: outcomesSchema },
    },
  }, (req) => tenant(req, (ctx) => templateOutcomes(ctx, req.params.id, req.query)));
}
