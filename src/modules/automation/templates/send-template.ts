import { one, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { AppError, invalid } from '../../../core/errors.js';
import { enqueueAction, ensureOutbound, type ActionRow } from '../enqueue-action.js';
import { recordAudit } from '../../workspace/record-audit.js';
import { chooseVariant, sendKey } from './choose-variant.js';
import { offeredVariants, templateRow } from './get-template.js';
import { groupSendProblem, loadRecipient, renderVariant } from './recipient.js';
import { automated, type AutomationClass } from '../guardrails/contracts.js';

export interface SendTemplateInput {
  templateId: string;
  communityId: string;
  /** A private message to this member; absent: a message to the whole group. */
  memberId?: string | null;
  /** The same key always answers the same action (and the same variant): a re-run rule never sends twice. */
  idempotencyKey: string;
  /**
   * Asked for by a rule (welcome, SOP, trigger) rather than by an operator, and of which class: marketing
   * (capped per member and group a day) or service (a welcome: quiet hours and opt-out only). Carried in the
   * payload for the guardrails (guardrails/contracts.ts). Absent: an operator's send, never held.
   */
  automated?: AutomationClass;
  /** Not delivered before this instant (a welcome journey step); default: as soon as possible. */
  notBefore?: Date;
}
export interface SendTemplateResult { action: ActionRow; kind: 'send_group' | 'send_private'; variantKey: string; version: number; text: string }

const conflict = (path: string, message: string) => new AppError('conflict', `${path}: ${message}`, [{ path, message }]);

function resultOf(action: ActionRow): SendTemplateResult {
  const p = action.payload as { variantKey: string; version: number; text: string };
  return { action, kind: action.kind as SendTemplateResult['kind'], variantKey: p.variantKey, version: p.version, text: p.text };
}

/**
 * Renders the chosen variant's current version for the recipient and queues it through the outbox. The
 * payload records templateId, variantKey and version, which is what outcomes count and what the version
 * history explains later.
 */
export async function sendTemplate(ctx: TenantCtx, input: SendTemplateInput): Promise<SendTemplateResult> {
  // A retry answers what the first attempt queued, even if the template has been edited or archived since.
  const earlier = await one<ActionRow>(ctx.db, sql`
    select id, kind, member_id as "memberId", status, attempts, last_error as "lastError", created_at as "createdAt", sent_at as "sentAt", payload
    from actions where workspace_id = ${ctx.workspaceId} and idempotency_key = ${input.idempotencyKey}`);
  if (earlier) {
    if (earlier.payload.templateId !== input.templateId) throw conflict('idempotencyKey', 'already used for another action');
    return resultOf(earlier);
  }
  const t = await templateRow(ctx, input.templateId);
  if (t.status !== 'active') throw conflict('templateId', 'template is archived');
  const recipient = await loadRecipient(ctx, input.communityId, input.memberId);
  const { community, member } = recipient;
  if (community.status !== 'active') throw conflict('community', `is ${community.status}`);
  ensureOutbound(community.channel);
  if (member) {
    if (!member.hasIdentity) throw conflict('memberId', `member has no ${community.channel} account`);
    if (member.optedOut) throw conflict('memberId', 'member opted out of being contacted');
  }
  const offered = (await offeredVariants(ctx, t.id)).filter((v) => v.weight > 0);
  if (!offered.length) throw conflict('templateId', 'no variant has a weight above 0');
  if (!member) {
    // Every variant, not just the one chosen: whether a group send works must not depend on the draw.
    for (const v of offered) {
      const problem = groupSendProblem(t.contentType, v.content);
      if (problem) throw invalid('memberId', `variant ${v.key}: ${problem}`);
    }
  }
  const chosen = chooseVariant(offered, sendKey(t.id, member?.id ?? community.id, input.idempotencyKey));
  const rendered = renderVariant(t.contentType, chosen, recipient);
  if ('error' in rendered) throw invalid(`variant ${chosen.key}`, rendered.error);
  const kind = member ? 'send_private' as const : 'send_group' as const;
  const action = await enqueueAction(ctx, {
    idempotencyKey: input.idempotencyKey, kind, channel: community.channel, communityId: community.id, memberId: member?.id ?? null,
    payload: {
      text: rendered.text, contentType: t.contentType, content: rendered.content,
      templateId: t.id, variantKey: chosen.key, version: chosen.version,
      ...(input.automated ? automated(input.automated) : { automated: false }),
    },
    notBefore: input.notBefore,
  });
  // Rules may send to thousands of groups a day; their own runs are the record of that. An operator's send is audited.
  if (!input.automated) {
    await recordAudit(ctx, 'template.sent', 'template', t.id, { actionId: action.id, communityId: community.id, memberId: member?.id ?? null, variantKey: chosen.key, version: chosen.version });
  }
  return resultOf(action);
}
