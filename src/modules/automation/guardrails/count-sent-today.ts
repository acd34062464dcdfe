import { one, sql, type SQL } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';

const CAP_LOCK = 723006;

export type CapTarget = { kind: 'send_private'; memberId: string } | { kind: 'send_group'; communityId: string };

/**
 * Serialises capped sends to one member (or one group) until the caller's transaction commits. Two workers
 * could otherwise each count today's sends, both see room for one more, and both send. Held by the
 * transaction that delivers and marks the action sent (or hands it to staff), so the next counter sees it.
 */
export async function lockCapTarget(ctx: TenantCtx, target: CapTarget): Promise<void> {
  const key = target.kind === 'send_private' ? `m:${target.memberId}` : `g:${target.communityId}`;
  await ctx.db.execute(sql`select pg_advisory_xact_lock(${CAP_LOCK}, hashtext(${ctx.workspaceId} || ${key}))`);
}

/**
 * The count behind countSentToday, exported so a test can EXPLAIN it. Two parts:
 * - sends an adapter made: status 'sent', sent_at in the day, not handed over (partial indexes of 0006);
 * - sends handed to staff: handed_over_at in the day, still waiting ('awaiting_staff') or confirmed since
 *   ('sent'); partial indexes of 0013. The hand-over is when the decision to send was made under the cap,
 *   so it counts from then, not from the day a person confirms it: a waiting send holds further sends back,
 *   a confirmed one counts once, and no day's count drops when it is confirmed. A dismissed hand-over is
 *   'cancelled' and stops counting.
 * An automated action whose class is not 'service' counts as marketing, as in automationClass. The status,
 * kind and payload predicates are those of the partial indexes, written out literally so the planner can
 * use them; each range is on a plain column, which row-level security lets the planner use as an index
 * condition.
 */
export function capCountQuery(ctx: TenantCtx, target: CapTarget, from: Date, to: Date): SQL {
  const [start, end] = [sql`${from.toISOString()}::timestamptz`, sql`${to.toISOString()}::timestamptz`];
  const [who, kind] = target.kind === 'send_private'
    ? [sql`member_id = ${target.memberId}`, sql`kind = 'send_private'`]
    : [sql`community_id = ${target.communityId}`, sql`kind = 'send_group'`];
  const marketing = sql`coalesce(payload->>'class', '') <> 'service'`;
  return sql`select
      (select count(*)::int from actions
        where workspace_id = ${ctx.workspaceId} and ${who}
          and status = 'sent' and ${kind} and payload @> '{"automated": true}'
          and sent_at >= ${start} and sent_at < ${end} and handed_over_at is null and ${marketing})
    + (select count(*)::int from actions
        where workspace_id = ${ctx.workspaceId} and ${who}
          and handed_over_at is not null and status in ('sent', 'awaiting_staff') and ${kind} and payload @> '{"automated": true}'
          and handed_over_at >= ${start} and handed_over_at < ${end} and ${marketing}) as n`;
}

/**
 * Automated marketing messages to the member (private) or the group that count against the day [from, to):
 * sent by an adapter within it, or handed to staff within it and not dismissed (see capCountQuery).
 */
export async function countSentToday(ctx: TenantCtx, target: CapTarget, from: Date, to: Date): Promise<number> {
  return (await one<{ n: number }>(ctx.db, capCountQuery(ctx, target, from, to)))!.n;
}
