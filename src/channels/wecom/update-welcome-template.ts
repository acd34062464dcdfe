import type { FastifyBaseLogger } from 'fastify';
import { one, sql } from '../../db/client.js';
import { corpCredentials } from './corps.js';
import { wecomClient } from './api-client.js';
import { wecomTemplateBody } from './welcome-template-body.js';
import type { UpdateWelcomeTemplateInput, WelcomeTemplate } from './welcome-template-contracts.js';
import { type InTenant, WELCOME_TEMPLATE_COLUMNS, type WelcomeTemplateRow, getWelcomeTemplate, welcomeTemplateView } from './get-welcome-template.js';
import { wecomRefusal } from './wecom-refusal.js';

export const EDIT_PATH = '/cgi-bin/externalcontact/group_welcome_template/edit';

/**
 * Edits the template at WeCom (/edit, path/92366: only templates this app created can be edited), then the row.
 * A refusal changes nothing here. If the row cannot be written after WeCom took the edit, the old content is
 * sent back to WeCom (best effort, logged) so the two do not disagree.
 */
export async function updateWelcomeTemplate(inTenant: InTenant, corpRowId: string, id: string, input: UpdateWelcomeTemplateInput, log: FastifyBaseLogger): Promise<WelcomeTemplate> {
  const { creds, before } = await inTenant(async (ctx) => ({ before: await getWelcomeTemplate(ctx, corpRowId, id), creds: await corpCredentials(ctx, corpRowId) }));
  const client = wecomClient(creds);
  await client.api(EDIT_PATH, { template_id: before.templateId, ...wecomTemplateBody(input) }).catch((err) => { throw wecomRefusal(err); });
  try {
    return await inTenant(async (ctx) => {
      const r = await one<WelcomeTemplateRow>(ctx.db, sql`
        update wecom_welcome_templates set name = ${input.name}, text = ${input.text?.content ?? null},
          attachment = ${input.attachment ? JSON.stringify(input.attachment) : null}::jsonb, updated_at = now()
        where workspace_id = ${ctx.workspaceId} and corp_row_id = ${corpRowId} and id = ${id}
        returning ${WELCOME_TEMPLATE_COLUMNS}`);
      // Deleted by someone else while WeCom was being called: their delete removed it at WeCom too.
      if (!r) throw new Error('the template row disappeared during the edit');
      return welcomeTemplateView(r);
    });
  } catch (err) {
    await client.api(EDIT_PATH, { template_id: before.templateId, ...wecomTemplateBody(before) }).then(
      () => log.warn({ corp: corpRowId, templateId: before.templateId, err }, 'wecom welcome template edit undone: storing it failed'),
      (undoErr) => log.error({ corp: corpRowId, templateId: before.templateId, err, undoErr }, 'wecom welcome template differs from its row: storing the edit and undoing it both failed'),
    );
    throw err;
  }
}
