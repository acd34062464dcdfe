import { sql } from '../../db/client.js';
import type { TenantCtx } from '../../core/context.js';

/** Appends to the audit log inside the caller's transaction, so the record and the change land together. */
export async function recordAudit(ctx: TenantCtx, action: string, targetType: string | null, targetId: string | null, details: Record<string, unknown> = {}): Promise<void> {
  const a = ctx.actor;
  await ctx.db.execute(sql`
    insert into audit_log (workspace_id, actor_user_id, actor_api_key_id, action, target_type, target_id, details)
    values (${ctx.workspaceId}, ${a.kind === 'user' ? a.userId : null}, ${a.kind === 'api_key' ? a.apiKeyId : null},
            ${action}, ${targetType}, ${targetId}, ${JSON.stringify({ ...details, ...(a.kind === 'system' ? { system: a.name } : {}) })}::jsonb)`);
}
