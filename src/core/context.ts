import type { Database, Db } from '../db/client.js';
import { sql } from '../db/client.js';

export const ROLES = ['owner', 'admin', 'operator', 'analyst'] as const;
export type Role = (typeof ROLES)[number];
const RANK: Record<Role, number> = { analyst: 1, operator: 2, admin: 3, owner: 4 };
export const roleAtLeast = (role: Role, min: Role) => RANK[role] >= RANK[min];

export const API_KEY_SCOPES = ['events:write', 'read', 'write'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

export type Actor =
  | { kind: 'user'; userId: string; role: Role }
  | { kind: 'api_key'; apiKeyId: string; scopes: ApiKeyScope[] }
  | { kind: 'system'; name: string };

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

export function actorUserId(actor: Actor): string | null {
  return actor.kind === 'user' ? actor.userId : null;
}
