import { sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { recordAudit } from '../../workspace/record-audit.js';
import type { TemplateView } from './contracts.js';
import { getTemplate, templateRow } from './get-template.js';

/**
 * Takes a template out of use while keeping it, its versions and its outcomes: it can no longer be sent or
 * edited, and drops out of the default list. Archiving twice is a no-op.
 */
export async function archiveTemplate(ctx: TenantCtx, id: string): Promise<TemplateView> {
  const t = await templateRow(ctx, id, true);
  if (t.status !== 'archived') {
    await ctx.db.execute(sql`update message_templates set status = 'archived', archived_at = now(), updated_at = now()
      where workspace_id = ${ctx.workspaceId} and id = ${id}`);
    await recordAudit(ctx, 'template.archived', 'template', id, { name: t.name });
  }
  return getTemplate(ctx, id);
}
