import { withTenant, withTenantRetrying, type Actor, type WorkspaceRef } from '../../core/context.js';
import { one, sql, type Database } from '../../db/client.js';
import { wecomClient, type ClientOptions } from './api-client.js';
import { applyGroup, type AppliedGroup } from './apply-group.js';
import { corpCredentials } from './corps.js';
import { getGroupChat } from './groupchat-api.js';

const actor: Actor = { kind: 'system', name: 'wecom.group.refresh' };

export interface RefreshGroupPayload { workspaceId: string; corpRowId: string; chatId: string }

/**
 * The job wecom.group.refresh: one group read again with groupchat/get after a callback said it was created
 * or renamed, or its notice or owner changed (the callback says only that, not what to), and applied like a
 * sync applies it. Credentials are read in one transaction, WeCom called outside, the result written in another.
 */
export async function refreshGroup(database: Database, p: RefreshGroupPayload, opts: ClientOptions = {}): Promise<AppliedGroup | null> {
  const ws = await one<WorkspaceRef>(database.db, sql`select id, time_zone as "timeZone" from workspaces where id = ${p.workspaceId}`);
  if (!ws) return null;
  const creds = await withTenant(database, ws, actor, async (ctx) => {
    const corp = await one(ctx.db, sql`select 1 as x from wecom_corps where workspace_id = ${ctx.workspaceId} and id = ${p.corpRowId}`);
    return corp ? corpCredentials(ctx, p.corpRowId) : null;
  });
  if (!creds) return null;
  const chat = await getGroupChat(wecomClient(creds, opts), p.chatId);
  return withTenantRetrying(database, ws, actor, (ctx) => applyGroup(ctx, p.corpRowId, chat));
}

/** Its singleton key: one refresh per callback, so WeCom's retries of that callback queue nothing more. */
export const refreshJobKey = (corpRowId: string, callbackKey: string) => `wecom.group.refresh:${corpRowId}:${callbackKey}`;
