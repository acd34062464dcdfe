import { one, rows, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';
import type { VersionView } from './contracts.js';
import { templateRow } from './get-template.js';

export const versionColumns = sql`
  tv.variant_key as "variantKey", tv.version, tv.content, tv.created_at as "createdAt", tv.created_by::text as "createdBy",
  u.name as "createdByName", tv.version = v.current_version as current`;
export const versionFrom = sql`
  from template_versions tv
  join template_variants v on v.workspace_id = tv.workspace_id and v.template_id = tv.template_id and v.key = tv.variant_key
  left join users u on u.id = tv.created_by`;

/** Every version of one variant, newest first. */
export async function listVersions(ctx: TenantCtx, templateId: string, variantKey: string): Promise<VersionView[]> {
  await templateRow(ctx, templateId);
  const variant = await one(ctx.db, sql`select 1 from template_variants where workspace_id = ${ctx.workspaceId} and template_id = ${templateId} and key = ${variantKey}`);
  if (!variant) throw notFound('variant');
  return rows<VersionView>(ctx.db, sql`
    select ${versionColumns} ${versionFrom}
    where tv.workspace_id = ${ctx.workspaceId} and tv.template_id = ${templateId} and tv.variant_key = ${variantKey}
    order by tv.version desc`);
}
