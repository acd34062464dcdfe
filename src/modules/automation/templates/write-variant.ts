import { sql } from '../../../db/client.js';
import { actorUserId, type TenantCtx } from '../../../core/context.js';
import type { VariantInput } from './contracts.js';

/** A new variant with its first version. */
export async function insertVariant(ctx: TenantCtx, templateId: string, position: number, v: VariantInput): Promise<void> {
  await ctx.db.execute(sql`
    insert into template_variants (workspace_id, template_id, key, position, weight, current_version)
    values (${ctx.workspaceId}, ${templateId}, ${v.key}, ${position}, ${v.weight}, 1)`);
  await insertVersion(ctx, templateId, v.key, 1, v.content);
}

/** Versions are only ever inserted: a past send names one, and must keep meaning what was sent. */
export async function insertVersion(ctx: TenantCtx, templateId: string, key: string, version: number, content: unknown): Promise<void> {
  await ctx.db.execute(sql`
    insert into template_versions (workspace_id, template_id, variant_key, version, content, created_by)
    values (${ctx.workspaceId}, ${templateId}, ${key}, ${version}, ${JSON.stringify(content)}::jsonb, ${actorUserId(ctx.actor)})`);
}
