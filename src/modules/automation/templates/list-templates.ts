import { sql, type SQL } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { paginate, type PageQuery } from '../../../core/pagination.js';
import type { z } from 'zod';
import type { templateListItemSchema } from './contracts.js';

export type TemplateListItem = z.infer<typeof templateListItemSchema>;
export interface ListTemplatesQuery { status?: 'active' | 'archived' | 'all'; q?: string }

/** Templates, most recently changed first; active ones unless asked otherwise. */
export function listTemplates(ctx: TenantCtx, q: PageQuery & ListTemplatesQuery) {
  const filters: SQL[] = [];
  const status = q.status ?? 'active';
  if (status !== 'all') filters.push(sql`and t.status = ${status}`);
  if (q.q) filters.push(sql`and t.name ilike ${'%' + q.q.replace(/[\\%_]/g, (c) => '\\' + c) + '%'}`);
  return paginate<TemplateListItem>(ctx.db, q, sql`
    select t.id, t.name, t.content_type as "contentType", t.status, t.created_at as "createdAt", t.updated_at as "updatedAt", t.archived_at as "archivedAt",
      coalesce((select jsonb_agg(jsonb_build_object('key', v.key, 'weight', v.weight, 'version', v.current_version) order by v.position)
                from template_variants v where v.workspace_id = t.workspace_id and v.template_id = t.id and v.retired_at is null), '[]'::jsonb) as variants,
      (select count(*)::int from actions a where a.workspace_id = t.workspace_id and a.payload ? 'templateId'
         and a.payload->>'templateId' = t.id::text and a.status = 'sent') as sends
    from message_templates t where t.workspace_id = ${ctx.workspaceId} ${sql.join(filters, sql` `)}`, sql`"updatedAt" desc, name`);
}
