import type { FastifyBaseLogger } from 'fastify';
import { AppError } from '../../core/errors.js';
import { one, sql } from '../../db/client.js';
import { corpCredentials } from './corps.js';
import { WecomApiError, wecomClient } from './api-client.js';
import { readWecomTemplate } from './welcome-template-body.js';
import type { WelcomeTemplate } from './welcome-template-contracts.js';
import { type InTenant, WELCOME_TEMPLATE_COLUMNS, type WelcomeTemplateRow, getWelcomeTemplate, welcomeTemplateView } from './get-welcome-template.js';
import { TEMPLATE_GONE } from './delete-welcome-template.js';
import { wecomRefusal } from './wecom-refusal.js';

export const GET_PATH = '/cgi-bin/externalcontact/group_welcome_template/get';

/**
 * Reads the template back from WeCom (/get, path/92366) and stores what it says now. What WeCom holds that
 * Shequn cannot show (a file, a video, an image by media_id) keeps the stored attachment rather than erasing it.
 */
export async function pullWelcomeTemplate(inTenant: InTenant, corpRowId: string, id: string, log: FastifyBaseLogger): Promise<WelcomeTemplate> {
  const { creds, before } = await inTenant(async (ctx) => ({ before: await getWelcomeTemplate(ctx, corpRowId, id), creds: await corpCredentials(ctx, corpRowId) }));
  let answer: Record<string, any>;
  try {
    answer = await wecomClient(creds).api(GET_PATH, { template_id: before.templateId });
  } catch (err) {
    if (err instanceof WecomApiError && TEMPLATE_GONE.has(err.code)) {
      throw new AppError('conflict', `WeCom no longer has template ${before.templateId} (${err.code}); delete it here`, [{ path: 'wecom', message: err.message }]);
    }
    throw wecomRefusal(err);
  }
  const pulled = readWecomTemplate(answer);
  if (pulled.unsupported.length) log.warn({ corp: corpRowId, templateId: before.templateId, kinds: pulled.unsupported }, 'wecom welcome template has attachments Shequn does not show');
  const readable = pulled.text || pulled.attachment;
  const text = readable ? pulled.text : before.text;
  const attachment = pulled.attachment ?? (pulled.unsupported.length || !readable ? before.attachment : null);
  return inTenant(async (ctx) => {
    const r = await one<WelcomeTemplateRow>(ctx.db, sql`
      update wecom_welcome_templates set text = ${text?.content ?? null},
        attachment = ${attachment ? JSON.stringify(attachment) : null}::jsonb, last_pulled_at = now()
      where workspace_id = ${ctx.workspaceId} and corp_row_id = ${corpRowId} and id = ${id}
      returning ${WELCOME_TEMPLATE_COLUMNS}`);
    if (!r) throw new AppError('not_found', 'WeCom welcome template not found');
    return welcomeTemplateView(r);
  });
}
