import { one, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';
import type { VersionView } from './contracts.js';
import { templateRow } from './get-template.js';
import { versionColumns, versionFrom } from './list-versions.js';

/** One version exactly as it was saved: what a past send with this version put in front of members. */
export async function getVersion(ctx: TenantCtx, templateId: string, variantKey: string, version: number): Promise<VersionView> {
  await templateRow(ctx, templateId);
  const row = await one<VersionView>(ctx.db, sql`
    select ${versionColumns} ${versionFrom}
    where tv.workspace_id = ${ctx.workspaceId} and tv.template_id = ${templateId} and tv.variant_key = ${variantKey} and tv.version = ${version}`);
  if (!row) throw notFound('version');
  return row;
}
