import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { API_KEY_SCOPES, ROLES, withTenant } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import { pageOf, pageQuerySchema } from '../../core/pagination.js';
import { tenant, sendCreated } from '../../server/access.js';
import { SESSION_COOKIE } from '../../server/app.js';
import { authenticateSession } from './authenticate.js';
import { login, logout, SESSION_DAYS } from './login.js';
import { getMe, listStaff, updateStaffRole } from './staff.js';
import { addStaff } from './add-staff.js';
import { recordAudit } from './record-audit.js';
import { createApiKey, listApiKeys, listAuditLog, revokeApiKey } from './api-keys.js';

const meSchema = z.object({
  user: z.object({ id: z.string(), email: z.string(), name: z.string() }),
  workspace: z.object({ id: z.string(), slug: z.string(), name: z.string(), timeZone: z.string() }),
  role: z.enum(ROLES),
});
const sessionSchema = meSchema.extend({ csrfToken: z.string() });
const apiKeySchema = z.object({
  id: z.string(), name: z.string(), prefix: z.string(), scopes: z.array(z.enum(API_KEY_SCOPES)),
  createdAt: z.date(), lastUsedAt: z.date().nullable(), revokedAt: z.date().nullable(),
});
const staffSchema = z.object({ userId: z.string(), email: z.string(), name: z.string(), role: z.enum(ROLES), createdAt: z.date() });
const auditSchema = z.object({
  id: z.string(), at: z.date(), actor: z.string(), action: z.string(), targetType: z.string().nullable(),
  targetId: z.string().nullable(), details: z.record(z.string(), z.unknown()),
});
const idParams = z.object({ id: z.uuid() });

export async function workspaceRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.post('/api/v1/auth/login', {
    config: { access: 'public', rateLimit: { max: 10, timeWindow: '1 minute', hook: 'preHandler', keyGenerator: (req) => `${req.ip}:${String((req.body as { email?: string })?.email ?? '').toLowerCase()}` } },
    schema: {
      tags: ['auth'], summary: 'Log in with email and password; sets the session cookie',
      body: z.object({ email: z.string().trim().min(3).max(200), password: z.string().min(1).max(200) }),
      response: { 200: sessionSchema },
    },
  }, async (req, reply) => {
    const result = await login(app.database, req.body.email, req.body.password);
    reply.setCookie(SESSION_COOKIE, result.token, {
      httpOnly: true, sameSite: 'lax', path: '/', secure: app.secureCookies, maxAge: SESSION_DAYS * 86400,
    });
    const auth = await authenticateSession(app.database, result.token);
    const me = await withTenant(app.database, auth!.workspace, auth!.actor, async (ctx) => {
      await recordAudit(ctx, 'auth.login', 'user', result.userId, { ip: req.ip });
      return getMe(ctx);
    });
    return { ...me, csrfToken: result.csrfToken };
  });

  app.post('/api/v1/auth/logout', {
    config: { access: 'session' },
    schema: { tags: ['auth'], summary: 'End the session', response: { 200: z.object({ ok: z.boolean() }) } },
  }, async (req, reply) => {
    const token = req.cookies[SESSION_COOKIE];
    if (token) await logout(app.database, token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  app.get('/api/v1/auth/me', {
    config: { access: 'session' },
    schema: { tags: ['auth'], summary: 'The logged-in staff member, workspace and CSRF token', response: { 200: sessionSchema } },
  }, async (req) => {
    const me = await tenant(req, getMe);
    if (!req.principal?.csrfToken) throw new AppError('forbidden', 'only staff sessions have a profile');
    return { ...me, csrfToken: req.principal.csrfToken };
  });

  app.get('/api/v1/api-keys', {
    config: { access: { role: 'admin', scope: 'write' } },
    schema: { tags: ['api-keys'], querystring: pageQuerySchema, response: { 200: pageOf(apiKeySchema) } },
  }, (req) => tenant(req, (ctx) => listApiKeys(ctx, req.query)));

  app.post('/api/v1/api-keys', {
    config: { access: { role: 'admin', scope: 'write' } },
    schema: {
      tags: ['api-keys'], summary: 'Create an API key; the key is in the answer once and never again',
      body: z.object({ name: z.string().trim().min(1).max(100), scopes: z.array(z.enum(API_KEY_SCOPES)).min(1) }),
      response: { 201: apiKeySchema.extend({ key: z.string() }) },
    },
  }, async (req, reply) => sendCreated(reply, await tenant(req, (ctx) => createApiKey(ctx, { name: req.body.name, scopes: [...new Set(req.body.scopes)] }))));

  app.delete('/api/v1/api-keys/:id', {
    config: { access: { role: 'admin', scope: 'write' } },
    schema: { tags: ['api-keys'], summary: 'Revoke an API key', params: idParams, response: { 200: apiKeySchema } },
  }, (req) => tenant(req, (ctx) => revokeApiKey(ctx, req.params.id)));

  app.get('/api/v1/staff', {
    config: { access: { role: 'admin', scope: 'write' } },
    schema: { tags: ['staff'], querystring: pageQuerySchema, response: { 200: pageOf(staffSchema) } },
  }, (req) => tenant(req, (ctx) => listStaff(ctx, req.query)));

  app.post('/api/v1/staff', {
    config: { access: { role: 'admin', scope: 'write' } },
    schema: {
      tags: ['staff'], summary: 'Add a staff account',
      body: z.object({ email: z.email(), name: z.string().trim().min(1).max(100), role: z.enum(ROLES), password: z.string().min(10, 'at least 10 characters').max(200) }),
      response: { 201: staffSchema },
    },
  }, async (req, reply) => sendCreated(reply, await tenant(req, (ctx) => addStaff(ctx, req.body))));

  app.patch('/api/v1/staff/:userId', {
    config: { access: { role: 'admin', scope: 'write' } },
    schema: { tags: ['staff'], params: z.object({ userId: z.uuid() }), body: z.object({ role: z.enum(ROLES) }), response: { 200: staffSchema } },
  }, (req) => tenant(req, (ctx) => updateStaffRole(ctx, req.params.userId, req.body.role)));

  app.get('/api/v1/audit-log', {
    config: { access: { role: 'admin', scope: 'write' } },
    schema: { tags: ['audit'], querystring: pageQuerySchema, response: { 200: pageOf(auditSchema) } },
  }, (req) => tenant(req, (ctx) => listAuditLog(ctx, req.query)));
}
