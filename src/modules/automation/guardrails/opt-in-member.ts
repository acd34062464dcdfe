import { one, rows, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';
import { recordAudit } from '../../workspace/record-audit.js';

/**
 * An operator opts a member back in (the member asked to hear from the shop again). Clears the member
 * switch and the record together; the audit entry keeps what the record said. Idempotent.
 */
export async function optInMember(ctx: TenantCtx, memberId: string): Promise<{ memberId: string; optedOut: false }> {
  const member = await one<{ optedOut: boolean }>(ctx.db, sql`
    select opted_out as "optedOut" from members where workspace_id = ${ctx.workspaceId} and id = ${memberId} for update`);
  if (!member) throw notFound('member');
  if (member.optedOut) await ctx.db.execute(sql`update members set opted_out = false where workspace_id = ${ctx.workspaceId} and id = ${memberId}`);
  const removed = await rows<{ source: string; keyword: string | null; optedOutAt: Date; eventId: string | null }>(ctx.db, sql`
    delete from member_opt_outs where workspace_id = ${ctx.workspaceId} and member_id = ${memberId}
    returning source, keyword, opted_out_at as "optedOutAt", event_id as "eventId"`);
  if (member.optedOut || removed.length) {
    await recordAudit(ctx, 'member.opted_in', 'member', memberId, removed[0] ? { previous: removed[0] } : {});
  }
  return { memberId, optedOut: false };
}
