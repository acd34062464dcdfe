import { one, sql } from '../../db/client.js';
import { notFound } from '../../core/errors.js';
import { type ApiKeyScope, type TenantCtx, actorUserId } from '../../core/context.js';
import { randomToken, sha256 } from './tokens.js';
import { recordAudit } from './record-audit.js';
import { paginate, type Page, type PageQuery } from '../../core/pagination.js';

export interface ApiKeyRow { id: string; name: string; prefix: string; scopes: ApiKeyScope[]; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null }

const COLUMNS = sql`id, name, prefix, scopes, created_at as "createdAt", last_used_at as "lastUsedAt", revoked_at as "revokedAt"`;

/** The key is shown once; only its hash is kept. */
export async function createApiKey(ctx: TenantCtx, input: { name: string; scopes: ApiKeyScope[] }): Promise<ApiKeyRow & { key: string }> {
  const key = `shq_${randomToken(30)}`;
  const row = (await one<ApiKeyRow>(ctx.db, sql`
    insert into api_keys (workspace_id, name, prefix, key_hash, scopes, created_by)
    values (${ctx.workspaceId}, ${input.name}, ${key.slice(0, 10)}, ${sha256(key)}, string_to_array(${input.scopes.join(',')}, ','), ${actorUserId(ctx.actor)})
    returning ${COLUMNS}`))!;
  await recordAudit(ctx, 'api_key.created', 'api_key', row.id, { name: input.name, scopes: input.scopes });
  return { ...row, key };
}

export async function listApiKeys(ctx: TenantCtx, q: PageQuery): Promise<Page<ApiKeyRow>> {
  return paginate(ctx.db, q, sql`select ${COLUMNS} from api_keys where workspace_id = ${ctx.workspaceId}`, sql`"createdAt" desc`);
}

export async function revokeApiKey(ctx: TenantCtx, id: string): Promise<ApiKeyRow> {
  const row = await one<ApiKeyRow>(ctx.db, sql`
    update api_keys set revoked_at = coalesce(revoked_at, now())
    where workspace_id = ${ctx.workspaceId} and id = ${id} returning ${COLUMNS}`);
  if (!row) throw notFound('API key');
  await recordAudit(ctx, 'api_key.revoked', 'api_key', id);
  return row;
}

export interface AuditRow { id: string; at: Date; actor: string; action: string; targetType: string | null; targetId: string | null; details: Record<string, unknown> }

export async function listAuditLog(ctx: TenantCtx, q: PageQuery) {
  return paginate<AuditRow>(ctx.db, q, sql`
    select a.id::text as id, a.at, coalesce(u.email, 'api-key:' || k.name, a.details->>'system', 'system') as actor,
           a.action, a.target_type as "targetType", a.target_id as "targetId", a.details
    from audit_log a
    left join users u on u.id = a.actor_user_id
    left join api_keys k on k.workspace_id = a.workspace_id and k.id = a.actor_api_key_id
    where a.workspace_id = ${ctx.workspaceId}`, sql`at desc, id desc`);
}
