import { one, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { DEFAULT_WINDOW_HOURS } from './template-outcomes.js';

export interface TemplateTouch { actionId: string; templateId: string; variant: string; communityId: string | null; sentAt: Date }

/**
 * The latest template send that reached a member in the `windowHours` before `at`: a private send to them,
 * or a group send to a group they were in when it went out (or to `communityId`, the group an order names).
 * The same last-touch rule templateOutcomes credits orders by, so a sale report and a template's outcomes
 * agree on which variant sold. Null when no template reached them in the window.
 */
export async function lastTemplateTouch(ctx: TenantCtx, p: { memberId: string; at: Date; communityId?: string | null; windowHours?: number }): Promise<TemplateTouch | null> {
  const ws = ctx.workspaceId;
  const window = sql`make_interval(hours => ${p.windowHours ?? DEFAULT_WINDOW_HOURS})`;
  const at = p.at.toISOString();
  const touch = await one<TemplateTouch>(ctx.db, sql`
    select a.id as "actionId", a.payload->>'templateId' as "templateId", a.payload->>'variantKey' as variant,
      a.community_id as "communityId", a.sent_at as "sentAt"
    from actions a
    where a.workspace_id = ${ws} and a.status = 'sent' and a.payload ? 'templateId' and a.payload ? 'variantKey'
      and a.sent_at < ${at}::timestamptz and a.sent_at >= ${at}::timestamptz - ${window}
      and (a.member_id = ${p.memberId} or (a.kind = 'send_group' and (a.community_id = ${p.communityId ?? null}::uuid or exists (
        select 1 from memberships m
        where m.workspace_id = ${ws} and m.community_id = a.community_id and m.member_id = ${p.memberId} and m.joined_at <= a.sent_at
          and (m.left_at is null or m.left_at < m.joined_at or m.left_at > a.sent_at)))))
    order by a.sent_at desc, a.id
    limit 1`);
  return touch ?? null;
}
