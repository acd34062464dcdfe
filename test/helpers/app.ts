import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/server/app.js';
import type { Database } from '../../src/db/client.js';
import { withTenant, type Role } from '../../src/core/context.js';
import { createWorkspace, type WorkspaceRow } from '../../src/modules/workspace/create-workspace.js';
import { addStaff } from '../../src/modules/workspace/add-staff.js';

export interface Session { cookie: string; csrf: string }

export async function makeWorkspace(database: Database, slug: string, staff: { email: string; role: Role }[]): Promise<WorkspaceRow> {
  const ws = await createWorkspace(database, { slug, name: slug });
  await withTenant(database, ws, { kind: 'system', name: 'test' }, async (ctx) => {
    for (const s of staff) await addStaff(ctx, { email: s.email, name: s.email.split('@')[0]!, role: s.role, password: 'correct horse battery' });
  });
  return ws;
}

export async function loginAs(app: FastifyInstance, email: string, password = 'correct horse battery'): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`login ${email} failed: ${res.statusCode} ${res.body}`);
  const cookie = String(res.headers['set-cookie']).split(';')[0]!;
  return { cookie, csrf: res.json().csrfToken };
}

/** A request as a logged-in staff member, with the CSRF header on writes. */
export function as(app: FastifyInstance, s: Session) {
  const call = (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown): Promise<LightMyRequestResponse> =>
    app.inject({ method, url, payload: payload as never, headers: { cookie: s.cookie, ...(method === 'GET' ? {} : { 'x-csrf-token': s.csrf }) } });
  return {
    get: (url: string) => call('GET', url),
    post: (url: string, body?: unknown) => call('POST', url, body ?? {}),
    put: (url: string, body: unknown) => call('PUT', url, body),
    patch: (url: string, body: unknown) => call('PATCH', url, body),
    delete: (url: string) => call('DELETE', url),
  };
}

export const testApp = (database: Database) => buildApp({ database });
