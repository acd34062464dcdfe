import type { Database, Db } from '../db/client.js';
import { sql } from '../db/client.js';
import { SQLSTATE, sqlState } from '../db/sql-state.js';

export const ROLES = ['owner', 'admin', 'operator', 'analyst'] as const;
export type Role = (typeof ROLES)[number];
const RANK: Record<Role, number> = { analyst: 1, operator: 2, admin: 3, owner: 4 };
export const roleAtLeast = (role: Role, min: Role) => RANK[role] >= RANK[min];

export const API_KEY_SCOPES = ['events:write', 'read', 'write'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

export type Actor =
  | { kind: 'user'; userId: string; role: Role }
  | { kind: 'api_key'; apiKeyId: string; scopes: ApiKeyScope[] }
  | { kind: 'system'; name: string }
  /** A member on their own pages, through a signed member link (src/modules/member-pages/member-links.ts). */
  | { kind: 'member'; memberId: string };

/** What every verb receives: a transaction already confined to one workspace by row-level security. */
export interface TenantCtx {
  db: Db;
  workspaceId: string;
  timeZone: string;
  actor: Actor;
}

export interface WorkspaceRef { id: string; timeZone: string }

/**
 * Runs fn in one transaction as the restricted role with app.workspace_id set, so a query that forgets its
 * workspace filter still cannot see another tenant's rows.
 */
export async function withTenant<T>(database: Database, ws: WorkspaceRef, actor: Actor, fn: (ctx: TenantCtx) => Promise<T>): Promise<T> {
  return database.db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('app.workspace_id', ${ws.id}, true)`);
    await tx.execute(sql.raw('set local role shequn_app'));
    return fn({ db: tx as unknown as Db, workspaceId: ws.id, timeZone: ws.timeZone, actor });
  });
}

const RETRYABLE = new Set<string>([SQLSTATE.deadlockDetected, SQLSTATE.serializationFailure]);

/**
 * withTenant for work that touches rows other transactions touch at the same time (event intake: two
 * batches may meet the same new member or the same group-day). PostgreSQL resolves a lock cycle by
 * aborting one side; the whole transaction is then rolled back and run again, so it is only for fn that
 * has no effect outside the database.
 */
export async function withTenantRetrying<T>(database: Database, ws: WorkspaceRef, actor: Actor, fn: (ctx: TenantCtx) => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await withTenant(database, ws, actor, fn);
    } catch (err) {
      const state = sqlState(err);
      if (attempt >= attempts || !state || !RETRYABLE.has(state)) throw err;
      await new Promise((r) => setTimeout(r, 5 * 2 ** attempt + Math.random() * 20));
    }
  }
}

export function actorUserId(actor: Actor): string | null {
  return actor.kind === 'user' ? actor.userId : null;
}
