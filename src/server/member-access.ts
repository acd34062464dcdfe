import type { FastifyRequest } from 'fastify';
import { one, sql } from '../db/client.js';
import { type TenantCtx, withTenant } from '../core/context.js';
import { AppError } from '../core/errors.js';
import { MEMBER_COOKIE, readMemberToken, refused, verifyMemberToken } from '../modules/member-pages/member-links.js';

// How a request to the member API proves who it is; the links themselves are the member-pages module's.
const SAFE_METHODS = new Set(['GET', 'HEAD']);

/** The member token a request carries: `Authorization: Member <token>`, or on reads the member cookie. */
export function memberTokenOf(req: FastifyRequest): string | null {
  const header = req.headers.authorization?.match(/^Member\s+(\S+)$/i)?.[1];
  if (header) return header;
  // Writes need the header: a cookie alone would let another site post on the member's behalf.
  if (SAFE_METHODS.has(req.method)) return req.cookies?.[MEMBER_COOKIE] ?? null;
  return null;
}

/**
 * Runs fn as the member the request's token names, in a transaction confined to their workspace. The member
 * id comes only from the verified token, never from the request's body or path.
 */
export async function memberTenant<T>(req: FastifyRequest, fn: (ctx: TenantCtx, memberId: string) => Promise<T>): Promise<T> {
  const token = memberTokenOf(req);
  if (!token) throw new AppError('unauthorized', 'open this page from your member link (Authorization: Member <token>)');
  const v = await verifyMemberToken(req.server.database, token);
  return withTenant(req.server.database, v.workspace, { kind: 'member', memberId: v.memberId }, async (ctx) => {
    const member = await one(ctx.db, sql`select 1 from members where workspace_id = ${ctx.workspaceId} and id = ${v.memberId}`);
    if (!member) throw refused('belongs to a member who is no longer here');
    return fn(ctx, v.memberId);
  });
}

/** A rate-limit key per member for the member API's writes (by address when the token does not even parse). */
export function memberRateKey(req: FastifyRequest): string {
  const token = memberTokenOf(req);
  const claims = token ? readMemberToken(token) : null;
  return claims ? `member:${claims.workspaceId}:${claims.memberId}` : `ip:${req.ip}`;
}
