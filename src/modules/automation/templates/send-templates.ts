import { sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { AppError, invalid } from '../../../core/errors.js';
import { actionsByKey, enqueueActions, ensureOutbound, type ActionRequest, type ActionRow } from '../enqueue-action.js';
import { automated, type AutomationClass } from '../guardrails/contracts.js';
import { trackingBaseFor } from '../links/link-base.js';
import { rewriteLinks, type TrackedLink } from '../links/rewrite-links.js';
import { chooseVariant, sendKey } from './choose-variant.js';
import { contentVariables, plainText, type ContentType } from './content.js';
import { isCouponVariable } from './variables.js';
import { claimMessageCoupons } from '../../commerce/coupons/message-coupons.js';
import { offeredVariants, templateRow } from './get-template.js';
import { groupSendProblem, loadRecipients, recipientOf, renderVariant, type VariantVersion } from './recipient.js';

export interface SendItem {
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
export interface SendTemplateResult { action: ActionRow; kind: 'send_group' | 'send_private'; variantKey: string; version: number; text: string; created: boolean }
export type SendOutcome = { ok: true; result: SendTemplateResult } | { ok: false; error: AppError };

const conflict = (path: string, message: string) => new AppError('conflict', `${path}: ${message}`, [{ path, message }]);
const refused = (error: AppError): SendOutcome => ({ ok: false, error });

function answered(action: ActionRow, templateId: string, created: boolean): SendOutcome {
  if (action.payload.templateId !== templateId) return refused(conflict('idempotencyKey', 'already used for another action'));
  const p = action.payload as { variantKey: string; version: number; text: string };
  return { ok: true, result: { action, kind: action.kind as SendTemplateResult['kind'], variantKey: p.variantKey, version: p.version, text: p.text, created } };
}

interface Prepared { contentType: ContentType; offered: VariantVersion[]; groupProblem: AppError | null }

/** The template as every send of this call uses it, or why none can go. */
async function prepare(ctx: TenantCtx, templateId: string): Promise<Prepared> {
  const t = await templateRow(ctx, templateId);
  if (t.status !== 'active') throw conflict('templateId', 'template is archived');
  const offered = (await offeredVariants(ctx, t.id)).filter((v) => v.weight > 0);
  if (!offered.length) throw conflict('templateId', 'no variant has a weight above 0');
  // Every variant, not just the one chosen: whether a group send works must not depend on the draw.
  const bad = offered.map((v) => ({ v, problem: groupSendProblem(t.contentType, v.content) })).find((x) => x.problem);
  return { contentType: t.contentType, offered, groupProblem: bad ? invalid('memberId', `variant ${bad.v.key}: ${bad.problem}`) : null };
}

/**
 * Renders the template for each recipient and queues the sends through the outbox, answering each item in
 * order: its action, or why it was refused (an AppError naming the field, as sendTemplate throws it). Reads
 * the template once and the recipients in three queries, and queues every send in one INSERT, which is what
 * lets a day of SOP pushes for thousands of groups go out in seconds. Links are replaced by tracked ones
 * (links/rewrite-links.ts) where the channel's members can open them. The payload records templateId,
 * variantKey and version, which is what outcomes count and what the version history explains later.
 */
export async function sendTemplates(ctx: TenantCtx, templateId: string, items: SendItem[]): Promise<SendOutcome[]> {
  const outcomes: SendOutcome[] = new Array(items.length);
  // A retry answers what the first attempt queued, even if the template has been edited or archived since.
  const earlier = await actionsByKey(ctx, items.map((i) => i.idempotencyKey));
  const unanswered: number[] = [];
  items.forEach((item, i) => {
    const found = earlier.get(item.idempotencyKey);
    if (found) outcomes[i] = answered(found, templateId, false);
    else unanswered.push(i);
  });
  if (!unanswered.length) return outcomes;

  let prepared: Prepared;
  try {
    prepared = await prepare(ctx, templateId);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    for (const i of unanswered) outcomes[i] = refused(err);
    return outcomes;
  }
  const set = await loadRecipients(ctx, unanswered.map((i) => items[i]!));
  const requests: ActionRequest[] = [];
  const queued: { index: number; links: TrackedLink[] }[] = [];
  for (const i of unanswered) {
    const item = items[i]!;
    try {
      const recipient = recipientOf(set, item);
      const { community, member } = recipient;
      if (community.status !== 'active') throw conflict('community', `is ${community.status}`);
      ensureOutbound(community.channel);
      if (member) {
        if (!member.hasIdentity) throw conflict('memberId', `member has no ${community.channel} account`);
        if (member.optedOut) throw conflict('memberId', 'member opted out of being contacted');
      } else if (prepared.groupProblem) {
        throw prepared.groupProblem;
      }
      const chosen = chooseVariant(prepared.offered, sendKey(templateId, member?.id ?? community.id, item.idempotencyKey));
      // {{coupon.<id>}}: the coupon is claimed for the member now, with the send (a group send was refused above).
      const coupons = contentVariables(prepared.contentType, chosen.content).filter(isCouponVariable);
      if (member && coupons.length) Object.assign(recipient.values, await claimMessageCoupons(ctx, coupons, member.id, item.idempotencyKey));
      const rendered = renderVariant(prepared.contentType, chosen, recipient);
      if ('error' in rendered) throw invalid(`variant ${chosen.key}`, rendered.error);
      const base = trackingBaseFor(community.channel);
      const { content, links } = base ? rewriteLinks(prepared.contentType, rendered.content, base) : { content: rendered.content, links: [] };
      requests.push({
        idempotencyKey: item.idempotencyKey, kind: member ? 'send_private' : 'send_group', channel: community.channel,
        communityId: community.id, memberId: member?.id ?? null, notBefore: item.notBefore,
        payload: {
          text: plainText(prepared.contentType, content), contentType: prepared.contentType, content,
          templateId, variantKey: chosen.key, version: chosen.version,
          ...(item.automated ? automated(item.automated) : { automated: false }),
        },
      });
      queued.push({ index: i, links });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      outcomes[i] = refused(err);
    }
  }
  const actions = await enqueueActions(ctx, requests);
  const linkRows: (TrackedLink & { action_id: string })[] = [];
  const linked = new Set<string>();
  queued.forEach(({ index, links }, n) => {
    const action = actions[n]!;
    outcomes[index] = answered(action, templateId, action.created);
    // Only the call that made the action writes its links (a key asked for twice in one call is one action).
    if (action.created && !linked.has(action.id)) {
      linked.add(action.id);
      for (const link of links) linkRows.push({ ...link, action_id: action.id });
    }
  });
  if (linkRows.length) {
    await ctx.db.execute(sql`
      insert into tracked_links (workspace_id, token, action_id, position, url)
      select ${ctx.workspaceId}, x.token, x.action_id, x.position, x.url
      from jsonb_to_recordset(${JSON.stringify(linkRows)}::jsonb) as x(token text, action_id uuid, position int, url text)`);
  }
  return outcomes;
}
