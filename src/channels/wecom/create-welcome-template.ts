import type { FastifyBaseLogger } from 'fastify';
import { one, sql } from '../../db/client.js';
import { corpCredentials } from './corps.js';
import { wecomClient } from './api-client.js';
import { wecomTemplateBody } from './welcome-template-body.js';
import type { CreateWelcomeTemplateInput, WelcomeTemplate } from './welcome-template-contracts.js';
import { type InTenant, WELCOME_TEMPLATE_COLUMNS, type WelcomeTemplateRow, welcomeTemplateView } from './get-welcome-template.js';
import { wecomRefusal } from './wecom-refusal.js';

export const ADD_PATH = '/cgi-bin/externalcontact/group_welcome_template/add';
export const DEL_PATH = '/cgi-bin/externalcontact/group_welcome_template/del';

/**
 * Adds a template to the corp's 入群欢迎语素材 library (path/92366) and stores its template_id. A refusal by
 * WeCom writes nothing. If the row cannot be written after WeCom created the template, the template is deleted
 * at WeCom again (best effort, logged), so neither side is left with half of it.
 */
export async function createWelcomeTemplate(inTenant: InTenant, corpRowId: string, input: CreateWelcomeTemplateInput, log: FastifyBaseLogger): Promise<WelcomeTemplate> {
  const creds = await inTenant((ctx) => corpCredentials(ctx, corpRowId));
  const client = wecomClient(creds);
  // agentid is left out: WeCom needs it only from old third-party multi-app suites, not a self-built app.
  const answer = await client.api(ADD_PATH, { ...wecomTemplateBody(input), notify: input.notify ? 1 : 0 }).catch((err) => { throw wecomRefusal(err); });
  const templateId = String(answer.template_id ?? '');
  try {
    if (!templateId) throw new Error('WeCom answered without a template_id');
    return await inTenant(async (ctx) => {
      const r = await one<WelcomeTemplateRow>(ctx.db, sql`
        insert into wecom_welcome_templates (workspace_id, corp_row_id, template_id, name, text, attachment, notify)
        values (${ctx.workspaceId}, ${corpRowId}, ${templateId}, ${input.name}, ${input.text?.content ?? null},
                ${input.attachment ? JSON.stringify(input.attachment) : null}::jsonb, ${input.notify})
        returning ${WELCOME_TEMPLATE_COLUMNS}`);
      return welcomeTemplateView(r!);
    });
  } catch (err) {
    if (templateId) {
      await client.api(DEL_PATH, { template_id: templateId }).then(
        () => log.warn({ corp: corpRowId, templateId, err }, 'wecom welcome template removed again: storing it failed'),
        (delErr) => log.error({ corp: corpRowId, templateId, err, delErr }, 'wecom welcome template left orphaned at WeCom: storing it and deleting it both failed'),
      );
    }
    throw err;
  }
}
