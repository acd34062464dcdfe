import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { tenant } from '../../../server/access.js';
import { pageOf, pageQuerySchema } from '../../../core/pagination.js';
import { guardrailSettingsSchema, guardrailSettingsViewSchema, optOutSchema } from './contracts.js';
import { getGuardrailSettings } from './get-guardrail-settings.js';
import { setGuardrailSettings } from './set-guardrail-settings.js';
import { listOptOuts } from './list-opt-outs.js';
import { optOutMember } from './opt-out-member.js';
import { optInMember } from './opt-in-member.js';

const read = { access: { role: 'analyst', scope: 'read' } } as const;
const write = { access: { role: 'operator', scope: 'write' } } as const;
const admin = { access: { role: 'admin', scope: 'write' } } as const;
const memberParams = z.object({ memberId: z.uuid() });

/** Guardrails for automated messages: the workspace's settings and its opted-out members. */
export async function guardrailRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/api/v1/automation/guardrails', {
    config: read,
    schema: {
      tags: ['automation'], summary: 'Quiet hours, frequency caps and opt-out keywords applied to every automated message',
      response: { 200: guardrailSettingsViewSchema },
    },
  }, (req) => tenant(req, getGuardrailSettings));

  app.put('/api/v1/automation/guardrails', {
    config: admin,
    schema: {
      tags: ['automation'], summary: 'Replace the guardrail settings (audited)',
      body: guardrailSettingsSchema,
      response: { 200: guardrailSettingsViewSchema },
    },
  }, (req) => tenant(req, (ctx) => setGuardrailSettings(ctx, req.body)));

  app.get('/api/v1/automation/opt-outs', {
    config: read,
    schema: {
      tags: ['automation'], summary: 'Opted-out members, most recent first, with how they opted out',
      querystring: pageQuerySchema.extend({ q: z.string().trim().max(100).optional() }),
      response: { 200: pageOf(optOutSchema) },
    },
  }, (req) => tenant(req, (ctx) => listOptOuts(ctx, req.query)));

  app.put('/api/v1/automation/opt-outs/:memberId', {
    config: write,
    schema: {
      tags: ['automation'], summary: 'Opt a member out by hand (idempotent, audited)',
      params: memberParams,
      response: { 200: optOutSchema },
    },
  }, (req) => tenant(req, (ctx) => optOutMember(ctx, req.params.memberId)));

  app.delete('/api/v1/automation/opt-outs/:memberId', {
    config: write,
    schema: {
      tags: ['automation'], summary: 'Opt a member back in (idempotent, audited)',
      params: memberParams,
      response: { 200: z.object({ memberId: z.string(), optedOut: z.literal(false) }) },
    },
  }, (req) => tenant(req, (ctx) => optInMember(ctx, req.params.memberId)));
}
