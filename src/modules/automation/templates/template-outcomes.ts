import { rows, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { isUserMessage } from '../../analytics/scope.js';
import type { Outcomes } from './contracts.js';
import { templateRow } from './get-template.js';
import { probabilityToBeBest } from './probability-best.js';

export const REPLY_WINDOW_HOURS = 24;

/**
 * Sends and replies per variant (definitions in docs/automation.md, "Templates"). A send is an action of
 * the template with status sent; it counts as replied when, in the 24 hours after its sent_at, a person
 * wrote in that community (a group send) or that member wrote anything (a private send). The platform's
 * own messages (events carrying data.actionId) are never replies. Joins, clicks and orders are not
 * attributed: nothing tracks links or sales yet.
 */
export async function templateOutcomes(ctx: TenantCtx, templateId: string): Promise<Outcomes> {
  await templateRow(ctx, templateId);
  const counted = await rows<{ key: string; sends: number; replies: number }>(ctx.db, sql`
    select a.payload->>'variantKey' as key, count(*)::int as sends,
      count(*) filter (where exists (
        select 1 from events e
        where e.workspace_id = a.workspace_id
          and (case when a.kind = 'send_private' then e.member_id = a.member_id else e.community_id = a.community_id end)
          and e.occurred_at > a.sent_at and e.occurred_at <= a.sent_at + make_interval(hours => ${REPLY_WINDOW_HOURS})
          and ${isUserMessage('e')}
      ))::int as replies
    from actions a
    where a.workspace_id = ${ctx.workspaceId} and a.payload ? 'templateId' and a.payload->>'templateId' = ${templateId} and a.status = 'sent'
    group by 1`);
  const variants = await rows<{ key: string; weight: number; retired: boolean }>(ctx.db, sql`
    select key, weight, retired_at is not null as retired from template_variants
    where workspace_id = ${ctx.workspaceId} and template_id = ${templateId} order by retired_at is not null, position`);
  const byKey = new Map(counted.map((c) => [c.key, c]));
  // A retired variant without sends has nothing to say; one with sends stays, its numbers are history.
  const shown = variants.filter((v) => !v.retired || byKey.has(v.key)).map((v) => ({ ...v, sends: byKey.get(v.key)?.sends ?? 0, replies: byKey.get(v.key)?.replies ?? 0 }));
  const totalSends = shown.reduce((s, v) => s + v.sends, 0);
  const best = totalSends > 0 ? probabilityToBeBest(shown) : null;
  return {
    templateId, windowHours: REPLY_WINDOW_HOURS, totalSends,
    variants: shown.map((v, i) => ({
      key: v.key, weight: v.weight, retired: v.retired, sends: v.sends, replies: v.replies,
      replyRate: v.sends > 0 ? v.replies / v.sends : null,
      probabilityBest: best ? best[i]! : null,
    })),
  };
}
