import { sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { recordAudit } from '../../workspace/record-audit.js';
import type { TemplateView } from './contracts.js';
import { getTemplate, templateRow } from './get-template.js';

/** Puts an archived template back in use, with the variants and versions it had. */
export async function restoreTemplate(ctx: TenantCtx, id: string): Promise<TemplateView> {
  const t = await templateRow(ctx, id, true);
  if (t.status === 'archived') {
    await ctx.db.execute(sql`update message_templates set status = 'active', archived_at = null, updated_at = now()
      where workspace_id = ${ctx.workspaceId} and id = ${id}`);
    await recordAudit(ctx, 'template.restored', 'template', id, { name: t.name });
  }
  return getTemplate(ctx, id);
}
