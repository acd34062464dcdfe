import type { z } from 'zod';
import type { TenantCtx } from '../../../core/context.js';
import { chooseVariant, sendKey } from './choose-variant.js';
import type { previewSchema, Rendered } from './contracts.js';
import { offeredVariants, templateRow } from './get-template.js';
import { loadRecipient, renderVariant } from './recipient.js';
import { contentVariables } from './content.js';
import { isCouponVariable } from './variables.js';
import { previewMessageCoupons } from '../../commerce/coupons/message-coupons.js';

export type Preview = z.infer<typeof previewSchema>;
export interface PreviewInput { communityId: string; memberId?: string; idempotencyKey?: string }

/**
 * What a send would put in front of this recipient, without sending: every offered variant rendered (or
 * why it cannot be), and, given the send's idempotency key, the variant that send would choose.
 */
export async function previewTemplate(ctx: TenantCtx, templateId: string, input: PreviewInput): Promise<Preview> {
  const t = await templateRow(ctx, templateId);
  const recipient = await loadRecipient(ctx, input.communityId, input.memberId);
  const offered = await offeredVariants(ctx, templateId);
  // A coupon is claimed only when the message is sent: the preview shows its name with the code hidden.
  const coupons = [...new Set(offered.flatMap((v) => contentVariables(t.contentType, v.content).filter(isCouponVariable)))];
  if (recipient.member) Object.assign(recipient.values, await previewMessageCoupons(ctx, coupons));
  const variants = offered.map((v) => {
    const r = renderVariant(t.contentType, v, recipient);
    return 'error' in r ? { variantKey: v.key, version: v.version, error: r.error } : { ...r, error: null };
  });
  let chosen: Rendered | null = null;
  if (input.idempotencyKey && offered.some((v) => v.weight > 0)) {
    const pick = chooseVariant(offered, sendKey(templateId, input.memberId ?? input.communityId, input.idempotencyKey));
    const r = variants.find((v) => v.variantKey === pick.key)!;
    if (r.error === null) chosen = { variantKey: r.variantKey, version: r.version, contentType: r.contentType, content: r.content, text: r.text };
  }
  return { chosen, variants };
}
