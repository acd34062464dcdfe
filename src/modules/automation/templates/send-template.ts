import type { TenantCtx } from '../../../core/context.js';
import { recordAudit } from '../../workspace/record-audit.js';
import { sendTemplates, type SendItem, type SendTemplateResult } from './send-templates.js';

export type { SendTemplateResult } from './send-templates.js';
export interface SendTemplateInput extends SendItem { templateId: string }

/**
 * One send of a template (sendTemplates for one recipient), throwing the reason it was refused: 404 for an
 * unknown template, community or member, 409 for an archived template or group, an opted-out member or a
 * reused key, 400 naming the variant or `memberId` when the content cannot be rendered for this recipient.
 */
export async function sendTemplate(ctx: TenantCtx, input: SendTemplateInput): Promise<SendTemplateResult> {
  const [outcome] = await sendTemplates(ctx, input.templateId, [input]);
  if (!outcome!.ok) throw outcome!.error;
  const r = outcome!.result;
  // Rules may send to thousands of groups a day; their own runs are the record of that. An operator's send is audited.
  if (!input.automated && r.created) {
    await recordAudit(ctx, 'template.sent', 'template', input.templateId, {
      actionId: r.action.id, communityId: input.communityId, memberId: input.memberId ?? null, variantKey: r.variantKey, version: r.version,
    });
  }
  return r;
}
