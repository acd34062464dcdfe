import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { hasZodFastifySchemaValidationErrors, jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql, type Database } from '../db/client.js';
import { AppError } from '../core/errors.js';
import { VERSION } from '../core/version.js';
import { authenticateApiKey, authenticateSession } from '../modules/workspace/authenticate.js';
import { checkAccess } from './access.js';
import { registerModules } from './modules.js';
import { serveConsole } from './console.js';
import { defaultImportMaxBytes } from '../modules/importers/upload.js';

export const SESSION_COOKIE = 'shequn_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface AppOptions {
  database: Database;
  logger?: boolean | object;
  /** Folder of the built console; omitted in API-only tests. */
  consoleDir?: string;
  secureCookies?: boolean;
  /** Where uploaded files are kept (under uploads/); the CLI's --data-dir. Defaults as src/cli/config.ts does. */
  dataDir?: string;
  /** Largest chat export POST /imports accepts; default SHEQUN_IMPORT_MAX_BYTES or 2 GiB. */
  importMaxBytes?: number;
}

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: opts.logger ?? false, bodyLimit: 8 * 1024 * 1024, trustProxy: true }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('database', opts.database);
  app.decorate('secureCookies', opts.secureCookies ?? false);
  app.decorate('dataDir', path.resolve(opts.dataDir ?? process.env.SHEQUN_DATA_DIR ?? './.shequn'));
  app.decorate('importMaxBytes', opts.importMaxBytes ?? defaultImportMaxBytes());

  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Shequn API', version: VERSION, description: 'Community operations platform. Cookie sessions (with x-csrf-token on writes) or Bearer API keys.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE }, member: { type: 'apiKey', in: 'header', name: 'Authorization', description: 'Member <token>, from a signed member link (the /api/m routes)' } } },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  // Every /api/v1 route must say who may call it; forgetting is a start-up error, not an open door.
  const routeList: { method: string; url: string }[] = [];
  app.decorate('routeList', routeList);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/v1')) return;
    if (!route.config?.access) throw new Error(`route ${route.method} ${route.url} declares no access rule`);
    for (const method of [route.method].flat()) if (method !== 'HEAD') routeList.push({ method, url: route.url });
  });

  app.addHook('onRequest', async (req) => {
    // Public routes (login) ignore any credentials sent along: logging in again with an old cookie must work.
    if (!req.url.startsWith('/api/v1') || req.routeOptions.config?.access === 'public') return;
    const bearer = req.headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
    if (bearer) {
      const auth = await authenticateApiKey(opts.database, bearer);
      if (!auth) throw new AppError('unauthorized', 'unknown or revoked API key');
      req.principal = auth;
      return;
    }
    const token = req.cookies[SESSION_COOKIE];
    if (!token) return;
    const auth = await authenticateSession(opts.database, token);
    if (!auth) return;
    if (!SAFE_METHODS.has(req.method) && req.headers['x-csrf-token'] !== auth.csrfToken) {
      throw new AppError('forbidden', 'x-csrf-token header missing or wrong');
    }
    req.principal = auth;
  });

  app.addHook('preHandler', async (req) => {
    const access = req.routeOptions.config?.access;
    if (access && access !== 'public') checkAccess(req, access);
  });

  app.setErrorHandler((err: Error, req, reply) => {
    if (hasZodFastifySchemaValidationErrors(err)) {
      const where = (err as { validationContext?: string }).validationContext;
      const fields = err.validation.map((v) => ({ path: v.instancePath.replace(/^\//, '').replace(/\//g, '.') || String(where ?? ''), message: v.message ?? 'invalid' }));
      const first = fields[0]!;
      return reply.code(400).send({ error: { code: 'validation', message: `${first.path}: ${first.message}`, fields } });
    }
    if (err instanceof AppError) return reply.code(err.status).send({ error: { code: err.code, message: err.message, fields: err.fields } });
    const status = (err as { statusCode?: number }).statusCode;
    if (status === 429) return reply.code(429).send({ error: { code: 'rate_limited', message: 'too many attempts, try again later', fields: [] } });
    if (status && status < 500) return reply.code(status).send({ error: { code: 'validation', message: err.message, fields: [] } });
    req.log.error(err);
    return reply.code(500).send({ error: { code: 'internal', message: 'internal error', fields: [] } });
  });

  app.get('/api/health', { schema: { hide: true } }, async () => {
    await opts.database.db.execute(sql`select 1`);
    return { status: 'ok', database: opts.database.kind, version: VERSION };
  });

  await registerModules(app);
  if (opts.consoleDir) await serveConsole(app, opts.consoleDir);
  else app.setNotFoundHandler((req, reply) => reply.code(404).send({ error: { code: 'not_found', message: `${req.method} ${req.url} not found`, fields: [] } }));
  return app;
}

declare module 'fastify' {
  interface FastifyInstance {
    secureCookies: boolean;
    dataDir: string;
    importMaxBytes: number;
    /** Every /api/v1 route, for the tenant-isolation test that tries them all. */
    routeList: { method: string; url: string }[];
  }
}
