import type { Database } from '../../db/client.js';
import { one, sql } from '../../db/client.js';
import type { Actor, ApiKeyScope, Role, WorkspaceRef } from '../../core/context.js';
import { sha256 } from './tokens.js';

export interface Authenticated { workspace: WorkspaceRef; actor: Actor; csrfToken?: string }

/** System-level lookups: the credential is what tells us the workspace. */
export async function authenticateSession(database: Database, token: string): Promise<Authenticated | null> {
  const row = await one<{ userId: string; workspaceId: string; timeZone: string; role: Role | null; csrf: string }>(database.db, sql`
    select s.user_id as "userId", s.workspace_id as "workspaceId", w.time_zone as "timeZone", st.role, s.csrf_token as csrf
    from sessions s
    join workspaces w on w.id = s.workspace_id
    left join staff st on st.workspace_id = s.workspace_id and st.user_id = s.user_id
    where s.token_hash = ${sha256(token)} and s.expires_at > now()`);
  // A person removed from the workspace loses access at once, even with a live session.
  if (!row || !row.role) return null;
  return {
    workspace: { id: row.workspaceId, timeZone: row.timeZone },
    actor: { kind: 'user', userId: row.userId, role: row.role },
    csrfToken: row.csrf,
  };
}

export async function authenticateApiKey(database: Database, key: string): Promise<Authenticated | null> {
  const row = await one<{ id: string; workspaceId: string; timeZone: string; scopes: ApiKeyScope[] }>(database.db, sql`
    update api_keys k set last_used_at = now()
    from workspaces w
    where k.key_hash = ${sha256(key)} and k.revoked_at is null and w.id = k.workspace_id
    returning k.id, k.workspace_id as "workspaceId", w.time_zone as "timeZone", k.scopes`);
  if (!row) return null;
  return { workspace: { id: row.workspaceId, timeZone: row.timeZone }, actor: { kind: 'api_key', apiKeyId: row.id, scopes: row.scopes } };
}
