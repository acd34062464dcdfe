import crypto from 'node:crypto';
import { type Database, one, sql } from '../../db/client.js';
import type { TenantCtx } from '../../core/context.js';
import { AppError, notFound } from '../../core/errors.js';

/**
 * Member links (docs/member-pages.md): a member reaches their pages through a link from the chat that
 * carries a signed token, not a login. The token is
 *
 *   base64url( version 1 | workspace id (16) | member id (16) | expiry, unix seconds (4) | key generation (4) | HMAC-SHA256 (32) )
 *
 * with the HMAC over everything before it, under the workspace's secret (member_link_secrets). It names its
 * workspace, so the server knows whose secret to check it with; rotating the secret bumps the generation,
 * and every link handed out before stops working.
 */

export const MEMBER_TOKEN_VERSION = 1;
export const DEFAULT_LINK_TTL_DAYS = 30;
export const MAX_LINK_TTL_DAYS = 365;
/** The cookie the member page sets so an <img> (the poster) can be fetched; it is honoured on reads only. */
export const MEMBER_COOKIE = 'shequn_member';

const BODY_BYTES = 1 + 16 + 16 + 4 + 4;
const MAC_BYTES = 32;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const uuidBytes = (id: string) => Buffer.from(id.replace(/-/g, ''), 'hex');
const bytesUuid = (b: Buffer) => {
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};
const mac = (secret: string, body: Buffer) => crypto.createHmac('sha256', Buffer.from(secret, 'base64url')).update(body).digest();

export interface MemberTokenClaims { workspaceId: string; memberId: string; expiresAt: Date; generation: number }

/** Signs claims with a secret; exported for the tests that need a token the server never minted. */
export function signMemberToken(secret: string, c: MemberTokenClaims): string {
  const body = Buffer.alloc(BODY_BYTES);
  body.writeUInt8(MEMBER_TOKEN_VERSION, 0);
  uuidBytes(c.workspaceId).copy(body, 1);
  uuidBytes(c.memberId).copy(body, 17);
  body.writeUInt32BE(Math.floor(c.expiresAt.getTime() / 1000), 33);
  body.writeUInt32BE(c.generation, 37);
  return Buffer.concat([body, mac(secret, body)]).toString('base64url');
}

/** The claims a token states, unchecked; null when it is not a token of this shape at all. */
export function readMemberToken(token: string): (MemberTokenClaims & { body: Buffer; signature: Buffer }) | null {
  if (!/^[A-Za-z0-9_-]+$/.test(token)) return null;
  const raw = Buffer.from(token, 'base64url');
  if (raw.length !== BODY_BYTES + MAC_BYTES || raw.readUInt8(0) !== MEMBER_TOKEN_VERSION) return null;
  const body = raw.subarray(0, BODY_BYTES);
  return {
    workspaceId: bytesUuid(body.subarray(1, 17)),
    memberId: bytesUuid(body.subarray(17, 33)),
    expiresAt: new Date(body.readUInt32BE(33) * 1000),
    generation: body.readUInt32BE(37),
    body,
    signature: raw.subarray(BODY_BYTES),
  };
}

interface SecretRow { secret: string; generation: number }

const readSecret = (ctx: TenantCtx) => one<SecretRow>(ctx.db, sql`select secret, generation from member_link_secrets where workspace_id = ${ctx.workspaceId}`);

/** The workspace's signing secret, made on first use (two callers at once agree on the one that won). */
async function signingSecret(ctx: TenantCtx): Promise<SecretRow> {
  const found = await readSecret(ctx);
  if (found) return found;
  await ctx.db.execute(sql`
    insert into member_link_secrets (workspace_id, secret) values (${ctx.workspaceId}, ${crypto.randomBytes(32).toString('base64url')})
    on conflict (workspace_id) do nothing`);
  return (await readSecret(ctx))!;
}

export interface MemberLinkOptions {
  /** Days the link works; default 30, at most 365. */
  ttlDays?: number;
  /** The instance's public address, e.g. https://shequn.example.com (publicBaseUrl()). */
  baseUrl: string;
  now?: Date;
}

export interface MemberLink { url: string; token: string; expiresAt: Date }

function linkOf(baseUrl: string, token: string, expiresAt: Date): MemberLink {
  // The token rides in the fragment: browsers never send it to a server, so it stays out of access logs and Referer headers.
  return { url: `${baseUrl.replace(/\/+$/, '')}/m/#t=${token}`, token, expiresAt };
}

function expiryOf(opts: { ttlDays?: number; now?: Date }): Date {
  const ttl = opts.ttlDays ?? DEFAULT_LINK_TTL_DAYS;
  if (!Number.isInteger(ttl) || ttl < 1 || ttl > MAX_LINK_TTL_DAYS) throw new AppError('validation', `ttlDays: must be a whole number from 1 to ${MAX_LINK_TTL_DAYS}`, [{ path: 'ttlDays', message: `must be 1 to ${MAX_LINK_TTL_DAYS}` }]);
  return new Date((opts.now ?? new Date()).getTime() + ttl * 86_400_000);
}

/**
 * Signs links for many members with one read of the secret (a send to many members). The caller knows the
 * members are this workspace's; memberLink checks it for one.
 */
export async function memberLinkSigner(ctx: TenantCtx): Promise<(memberId: string, opts: MemberLinkOptions) => MemberLink> {
  const key = await signingSecret(ctx);
  return (memberId, opts) => {
    if (!UUID.test(memberId)) throw notFound('member');
    const expiresAt = expiryOf(opts);
    return linkOf(opts.baseUrl, signMemberToken(key.secret, { workspaceId: ctx.workspaceId, memberId, expiresAt, generation: key.generation }), expiresAt);
  };
}

/** A member's link to their pages: /m/#t=<token>, valid ttlDays. */
export async function memberLink(ctx: TenantCtx, memberId: string, opts: MemberLinkOptions): Promise<MemberLink> {
  const member = UUID.test(memberId) ? await one(ctx.db, sql`select 1 from members where workspace_id = ${ctx.workspaceId} and id = ${memberId}`) : undefined;
  if (!member) throw notFound('member');
  return (await memberLinkSigner(ctx))(memberId, opts);
}

/** A new secret: every member link of the workspace signed before stops working at once. */
export async function rotateMemberLinkSecret(ctx: TenantCtx): Promise<{ generation: number; rotatedAt: Date }> {
  await signingSecret(ctx);
  const row = await one<{ generation: number; rotatedAt: Date }>(ctx.db, sql`
    update member_link_secrets set secret = ${crypto.randomBytes(32).toString('base64url')}, generation = generation + 1,
      rotated_at = now(), rotated_by = ${ctx.actor.kind === 'user' ? ctx.actor.userId : null}
    where workspace_id = ${ctx.workspaceId} returning generation, rotated_at as "rotatedAt"`);
  return row!;
}

export const refused = (why: string) => new AppError('unauthorized', `member link ${why}; open the latest link from the chat, or ask the group's staff for a new one`);

export interface VerifiedMember { workspace: { id: string; timeZone: string }; memberId: string; expiresAt: Date }

/**
 * Checks a token: its shape, its workspace's current key generation, the signature (constant time), its
 * expiry. Every refusal is a 401 that says which it was; none says anything about another workspace.
 */
export async function verifyMemberToken(database: Database, token: string, now = new Date()): Promise<VerifiedMember> {
  const claims = readMemberToken(token);
  if (!claims) throw refused('is malformed');
  // Before any workspace is known: the owner connection, as session and API-key lookups do (authenticate.ts).
  const found = await one<{ timeZone: string; secret: string | null; generation: number | null }>(database.db, sql`
    select w.time_zone as "timeZone", s.secret, s.generation
    from workspaces w left join member_link_secrets s on s.workspace_id = w.id where w.id = ${claims.workspaceId}`);
  if (!found?.secret) throw refused('is not valid');
  // A claimed generation that is not the current one: either a link from before a rotation, or a forgery; either way it is refused.
  if (claims.generation !== found.generation) throw refused('was withdrawn (the workspace renewed its member links)');
  const expected = mac(found.secret, claims.body);
  if (!crypto.timingSafeEqual(expected, claims.signature)) throw refused('is not valid (its signature does not match)');
  if (claims.expiresAt.getTime() <= now.getTime()) throw refused(`expired at ${claims.expiresAt.toISOString()}`);
  return { workspace: { id: claims.workspaceId, timeZone: found.timeZone }, memberId: claims.memberId, expiresAt: claims.expiresAt };
}

