import { sql } from '../../db/client.js';
import { corpCredentials } from './corps.js';
import { WecomApiError, wecomClient } from './api-client.js';
import { DEL_PATH } from './create-welcome-template.js';
import { type InTenant, getWelcomeTemplate } from './get-welcome-template.js';
import { wecomRefusal } from './wecom-refusal.js';

/**
 * Errcodes taken to mean "no such template at WeCom" (deleted in WeCom's admin console, or never ours).
 * path/92366 lists none of its own; 40037 is the invalid template_id code WeCom's APIs answer.
 */
export const TEMPLATE_GONE = new Set([40037]);

/** Deletes the template at WeCom (/del, path/92366), then its row; one already gone at WeCom still loses its row. */
export async function deleteWelcomeTemplate(inTenant: InTenant, corpRowId: string, id: string): Promise<void> {
  const { creds, template } = await inTenant(async (ctx) => ({ template: await getWelcomeTemplate(ctx, corpRowId, id), creds: await corpCredentials(ctx, corpRowId) }));
  try {
    await wecomClient(creds).api(DEL_PATH, { template_id: template.templateId });
  } catch (err) {
    if (!(err instanceof WecomApiError && TEMPLATE_GONE.has(err.code))) throw wecomRefusal(err);
  }
  await inTenant((ctx) => ctx.db.execute(sql`delete from wecom_welcome_templates
    where workspace_id = ${ctx.workspaceId} and corp_row_id = ${corpRowId} and id = ${id}`));
}
