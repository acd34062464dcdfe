import { rows, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';

export interface OptOutEntry {
  memberId: string;
  at: Date;
  source: 'keyword' | 'operator';
  keyword: string | null;
  eventId: string | null;
  actorUserId: string | null;
}

/**
 * Opts members out and records how. members.opted_out is the switch the rest of the product already reads
 * (member pages, pickers, invitations), so it is set here in the same transaction as the record; a member
 * who was opted back in on the member page may still have an old record, which is replaced. Answers the
 * members that were not opted out before. Writes in member order, like the intake, so two transactions
 * meeting the same members cannot deadlock.
 */
export async function markOptedOut(ctx: TenantCtx, entries: OptOutEntry[]): Promise<Set<string>> {
  if (!entries.length) return new Set();
  const sorted = [...entries].sort((a, b) => (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0));
  const ids = `{${sorted.map((e) => e.memberId).join(',')}}`;
  const newly = await rows<{ id: string }>(ctx.db, sql`
    update members set opted_out = true
    where workspace_id = ${ctx.workspaceId} and id = any(${ids}::uuid[]) and not opted_out returning id`);
  if (newly.length) {
    await ctx.db.execute(sql`
      delete from member_opt_outs where workspace_id = ${ctx.workspaceId} and member_id = any(${`{${newly.map((n) => n.id).join(',')}}`}::uuid[])`);
  }
  const json = JSON.stringify(sorted.map((e) => ({
    member_id: e.memberId, at: e.at.toISOString(), source: e.source, keyword: e.keyword, event_id: e.eventId, actor_user_id: e.actorUserId,
  })));
  // A member already opted out keeps the first record; the same event never records twice.
  await ctx.db.execute(sql`
    insert into member_opt_outs (workspace_id, member_id, opted_out_at, source, keyword, event_id, actor_user_id)
    select ${ctx.workspaceId}, x.member_id, x.at, x.source, x.keyword, x.event_id, x.actor_user_id
    from jsonb_to_recordset(${json}::jsonb) as x(member_id uuid, at timestamptz, source text, keyword text, event_id text, actor_user_id uuid)
    order by x.member_id
    on conflict do nothing`);
  return new Set(newly.map((n) => n.id));
}
