import { one, rows, sql } from '../../../db/client.js';
import { notFound } from '../../../core/errors.js';
import type { TenantCtx } from '../../../core/context.js';
import type { ContentType } from './content.js';
import type { TemplateView } from './contracts.js';

export interface TemplateRow { id: string; name: string; contentType: ContentType; status: 'active' | 'archived'; createdAt: Date; updatedAt: Date; archivedAt: Date | null }

/**
 * The template's own row; `lock` holds it until the transaction ends, so two edits of one template cannot
 * both write "the next version".
 */
export async function templateRow(ctx: TenantCtx, id: string, lock = false): Promise<TemplateRow> {
  const row = await one<TemplateRow>(ctx.db, sql`
    select id, name, content_type as "contentType", status, created_at as "createdAt", updated_at as "updatedAt", archived_at as "archivedAt"
    from message_templates where workspace_id = ${ctx.workspaceId} and id = ${id} ${lock ? sql`for update` : sql``}`);
  if (!row) throw notFound('template');
  return row;
}

/** A template with each variant's current version; retired variants last. */
export async function getTemplate(ctx: TenantCtx, id: string): Promise<TemplateView> {
  const t = await templateRow(ctx, id);
  const variants = await rows<TemplateView['variants'][number]>(ctx.db, sql`
    select v.key, v.weight, v.current_version as version, cv.content, v.retired_at is not null as retired, cv.created_at as "updatedAt"
    from template_variants v
    join template_versions cv on cv.workspace_id = v.workspace_id and cv.template_id = v.template_id and cv.variant_key = v.key and cv.version = v.current_version
    where v.workspace_id = ${ctx.workspaceId} and v.template_id = ${id}
    order by v.retired_at is not null, v.position`);
  return { ...t, variants };
}

/** The variants a send may choose from (not retired; weight 0 included, the chooser skips it), with their current content. */
export function offeredVariants(ctx: TenantCtx, templateId: string) {
  return rows<{ key: string; weight: number; version: number; content: Record<string, string> }>(ctx.db, sql`
    select v.key, v.weight, v.current_version as version, cv.content
    from template_variants v
    join template_versions cv on cv.workspace_id = v.workspace_id and cv.template_id = v.template_id and cv.variant_key = v.key and cv.version = v.current_version
    where v.workspace_id = ${ctx.workspaceId} and v.template_id = ${templateId} and v.retired_at is null
    order by v.position`);
}
