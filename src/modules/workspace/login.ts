import type { Database } from '../../db/client.js';
import { one, sql } from '../../db/client.js';
import { AppError } from '../../core/errors.js';
import type { Role } from '../../core/context.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { randomToken, sha256 } from './tokens.js';

export const SESSION_DAYS = 14;
// Verifying against a real hash when the email is unknown keeps response time from revealing accounts.
let dummyHash: Promise<string> | undefined;

export interface LoginResult { token: string; csrfToken: string; userId: string; workspaceId: string; expiresAt: Date }

/** System-level: a login happens before we know the workspace. Picks the person's oldest workspace. */
export async function login(database: Database, email: string, password: string): Promise<LoginResult> {
  const user = await one<{ id: string; hash: string }>(database.db, sql`
    select id, password_hash as hash from users where lower(email) = ${email.trim().toLowerCase()}`);
  const ok = await verifyPassword(user?.hash ?? (await (dummyHash ??= hashPassword(randomToken()))), password);
  if (!user || !ok) throw new AppError('unauthorized', 'wrong email or password');
  const staff = await one<{ workspaceId: string; role: Role }>(database.db, sql`
    select workspace_id as "workspaceId", role from staff where user_id = ${user.id} order by created_at limit 1`);
  if (!staff) throw new AppError('forbidden', 'this account belongs to no workspace');
  const token = randomToken();
  const csrfToken = randomToken(24);
  const expiresAt = new Date(Date.now() + SESSION_DAYS * 86400_000);
  await database.db.execute(sql`
    insert into sessions (token_hash, user_id, workspace_id, csrf_token, expires_at)
    values (${sha256(token)}, ${user.id}, ${staff.workspaceId}, ${csrfToken}, ${expiresAt})`);
  return { token, csrfToken, userId: user.id, workspaceId: staff.workspaceId, expiresAt };
}

export async function logout(database: Database, token: string): Promise<void> {
  await database.db.execute(sql`delete from sessions where token_hash = ${sha256(token)}`);
}
