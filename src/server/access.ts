import type { FastifyReply, FastifyRequest } from 'fastify';
import { type Database, one, sql } from '../db/client.js';
import { AppError, notFound } from '../core/errors.js';
import { type Actor, type ApiKeyScope, type Role, type TenantCtx, type WorkspaceRef, roleAtLeast, withTenant } from '../core/context.js';

/** Who may call a route: the least staff role, and the API key scope that stands for it. */
export interface Access { role: Role; scope: ApiKeyScope }

export interface Principal { workspace: WorkspaceRef; actor: Actor; csrfToken?: string }

declare module 'fastify' {
  interface FastifyRequest { principal?: Principal }
  interface FastifyContextConfig { access?: Access | 'public' | 'session' }
  interface FastifyInstance { database: Database }
}

export function checkAccess(req: FastifyRequest, access: Access | 'session'): Principal {
  const p = req.principal;
  if (!p) throw new AppError('unauthorized', 'log in or send an API key');
  if (p.actor.kind === 'member') throw new AppError('forbidden', 'a member link opens the member pages only');
  if (access === 'session') return p;
  if (p.actor.kind === 'user' && !roleAtLeast(p.actor.role, access.role)) {
    throw new AppError('forbidden', `needs the ${access.role} role or higher`);
  }
  if (p.actor.kind === 'api_key' && !p.actor.scopes.includes(access.scope)) {
    throw new AppError('forbidden', `API key lacks the ${access.scope} scope`);
  }
  return p;
}

/** Runs a verb in the caller's workspace with the access the route declared. */
export function tenant<T>(req: FastifyRequest, fn: (ctx: TenantCtx) => Promise<T>): Promise<T> {
  const access = req.routeOptions.config.access;
  if (!access || access === 'public') throw new Error(`route ${req.routeOptions.url} has no access rule but needs a tenant`);
  const p = checkAccess(req, access);
  return withTenant(req.server.database, p.workspace, p.actor, fn);
}

export function sendCreated<T>(reply: FastifyReply, body: T): T {
  reply.code(201);
  return body;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A preValidation hook for writes that carry a body: another workspace's row is "not found" whatever was
 * sent, rather than a validation error that would answer differently for ids that exist elsewhere.
 * A malformed id is left to the params schema.
 */
export function ownRow(table: string, what: string, param = 'id') {
  return async (req: FastifyRequest): Promise<void> => {
    const id = (req.params as Record<string, string | undefined>)[param] ?? '';
    if (!UUID.test(id)) return;
    await tenant(req, async (ctx) => {
      const found = await one(ctx.db, sql`select 1 from ${sql.identifier(table)} where workspace_id = ${ctx.workspaceId} and id = ${id}`);
      if (!found) throw notFound(what);
    });
  };
}
