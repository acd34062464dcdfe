import { one, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { AppError } from '../../../core/errors.js';
import { recordAudit } from '../../workspace/record-audit.js';
import { templateRow } from './get-template.js';

/**
 * Deletes a template that was never asked to be sent (a draft, a mistake). Once an action names it, its
 * versions explain what members received and its outcomes are history: such a template can only be archived.
 */
export async function deleteTemplate(ctx: TenantCtx, id: string): Promise<void> {
  const t = await templateRow(ctx, id, true);
  const used = await one<{ n: number }>(ctx.db, sql`
    select count(*)::int as n from actions where workspace_id = ${ctx.workspaceId} and payload ? 'templateId' and payload->>'templateId' = ${id}`);
  if (used!.n > 0) {
    const message = `is in use (${used!.n} send${used!.n === 1 ? '' : 's'}); archive it instead`;
    throw new AppError('conflict', `template: ${message}`, [{ path: 'template', message }]);
  }
  await ctx.db.execute(sql`delete from message_templates where workspace_id = ${ctx.workspaceId} and id = ${id}`);
  await recordAudit(ctx, 'template.deleted', 'template', id, { name: t.name });
}
