import { one, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';

const CAP_LOCK = 723006;

export type CapTarget = { kind: 'send_private'; memberId: string } | { kind: 'send_group'; communityId: string };

/**
 * Serialises capped sends to one member (or one group) until the caller's transaction commits. Two workers
 * could otherwise each count today's sends, both see room for one more, and both send. Held by the
 * transaction that delivers and marks the action sent, so the next counter sees that send.
 */
export async function lockCapTarget(ctx: TenantCtx, target: CapTarget): Promise<void> {
  const key = target.kind === 'send_private' ? `m:${target.memberId}` : `g:${target.communityId}`;
  await ctx.db.execute(sql`select pg_advisory_xact_lock(${CAP_LOCK}, hashtext(${ctx.workspaceId} || ${key}))`);
}

/**
 * Automated marketing messages already sent to the member (private) or the group within [from, to). An
 * automated action whose class is not 'service' counts as marketing, as in automationClass. The status,
 * kind and payload predicates are those of the partial indexes of migration 0006, written out literally
 * so the planner can use them.
 */
export async function countSentToday(ctx: TenantCtx, target: CapTarget, from: Date, to: Date): Promise<number> {
  const row = target.kind === 'send_private'
    ? await one<{ n: number }>(ctx.db, sql`
        select count(*)::int as n from actions
        where workspace_id = ${ctx.workspaceId} and member_id = ${target.memberId}
          and status = 'sent' and kind = 'send_private' and payload @> '{"automated": true}'
          and sent_at >= ${from.toISOString()}::timestamptz and sent_at < ${to.toISOString()}::timestamptz
          and coalesce(payload->>'class', '') <> 'service'`)
    : await one<{ n: number }>(ctx.db, sql`
        select count(*)::int as n from actions
        where workspace_id = ${ctx.workspaceId} and community_id = ${target.communityId}
          and status = 'sent' and kind = 'send_group' and payload @> '{"automated": true}'
          and sent_at >= ${from.toISOString()}::timestamptz and sent_at < ${to.toISOString()}::timestamptz
          and coalesce(payload->>'class', '') <> 'service'`);
  return row!.n;
}
