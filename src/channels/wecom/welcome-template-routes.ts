import { z } from 'zod';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ownRow, sendCreated, tenant } from '../../server/access.js';
import { pageOf, pageQuerySchema } from '../../core/pagination.js';
import { createWelcomeTemplateSchema, updateWelcomeTemplateSchema, welcomeTemplateSchema } from './welcome-template-contracts.js';
import type { InTenant } from './get-welcome-template.js';
import { getWelcomeTemplate } from './get-welcome-template.js';
import { listWelcomeTemplates } from './list-welcome-templates.js';
import { createWelcomeTemplate } from './create-welcome-template.js';
import { updateWelcomeTemplate } from './update-welcome-template.js';
import { deleteWelcomeTemplate } from './delete-welcome-template.js';
import { pullWelcomeTemplate } from './pull-welcome-template.js';

// Templates are content, not secrets: operators write them, as they write Shequn's own welcome flows.
const read = { access: { role: 'operator', scope: 'read' } } as const;
const write = { access: { role: 'operator', scope: 'write' } } as const;
const tags = ['wecom'];
const BASE = '/api/v1/channels/wecom/corps/:id/welcome-templates';
const corpParams = z.object({ id: z.uuid('must be an id') });
const templateParams = corpParams.extend({ templateId: z.uuid('must be an id') });
// Every route checks the corp first, so another workspace's corp is "not found" before any input is judged.
const ownCorp = ownRow('wecom_corps', 'WeCom corp');
const inTenant = (req: FastifyRequest): InTenant => (fn) => tenant(req, fn);

/** The corp's 入群欢迎语素材 (path/92366), kept at WeCom and mirrored here. */
export async function welcomeTemplateRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(BASE, {
    config: read, preValidation: ownCorp,
    schema: { tags, summary: 'The corp\'s group welcome templates, newest first', params: corpParams, querystring: pageQuerySchema, response: { 200: pageOf(welcomeTemplateSchema) } },
  }, (req) => tenant(req, (ctx) => listWelcomeTemplates(ctx, req.params.id, req.query)));

  app.post(BASE, {
    config: write, preValidation: ownCorp,
    schema: { tags, summary: 'Add a template at WeCom (group_welcome_template/add) and keep its template_id; 409 with WeCom\'s reason when WeCom refuses', params: corpParams, body: createWelcomeTemplateSchema, response: { 201: welcomeTemplateSchema } },
  }, async (req, reply) => sendCreated(reply, await createWelcomeTemplate(inTenant(req), req.params.id, req.body, req.log)));

  app.get(`${BASE}/:templateId`, {
    config: read, preValidation: ownCorp,
    schema: { tags, summary: 'One template; ?refresh=1 reads it back from WeCom (group_welcome_template/get) first', params: templateParams, querystring: z.object({ refresh: z.enum(['0', '1']).default('0') }), response: { 200: welcomeTemplateSchema } },
  }, (req) => (req.query.refresh === '1'
    ? pullWelcomeTemplate(inTenant(req), req.params.id, req.params.templateId, req.log)
    : tenant(req, (ctx) => getWelcomeTemplate(ctx, req.params.id, req.params.templateId))));

  app.put(`${BASE}/:templateId`, {
    config: write, preValidation: ownCorp,
    schema: { tags, summary: 'Replace the template\'s content at WeCom (group_welcome_template/edit), then here', params: templateParams, body: updateWelcomeTemplateSchema, response: { 200: welcomeTemplateSchema } },
  }, (req) => updateWelcomeTemplate(inTenant(req), req.params.id, req.params.templateId, req.body, req.log));

  app.delete(`${BASE}/:templateId`, {
    config: write, preValidation: ownCorp,
    schema: { tags, summary: 'Delete at WeCom (group_welcome_template/del), then here; one already gone at WeCom is deleted here too', params: templateParams },
  }, async (req, reply) => { await deleteWelcomeTemplate(inTenant(req), req.params.id, req.params.templateId); reply.code(204); });
}
