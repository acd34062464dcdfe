import { one, sql } from '../../../db/client.js';
import { actorUserId, type TenantCtx } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';
import { recordAudit } from '../../workspace/record-audit.js';
import type { OptOut } from './contracts.js';
import { markOptedOut } from './mark-opted-out.js';
import { getOptOut } from './list-opt-outs.js';

/** An operator opts a member out by hand (a phone call, a complaint). Idempotent; audited when it changes something. */
export async function optOutMember(ctx: TenantCtx, memberId: string): Promise<OptOut> {
  const member = await one(ctx.db, sql`select 1 from members where workspace_id = ${ctx.workspaceId} and id = ${memberId}`);
  if (!member) throw notFound('member');
  const now = (await one<{ now: Date }>(ctx.db, sql`select now() as now`))!.now;
  const newly = await markOptedOut(ctx, [{ memberId, at: new Date(now), source: 'operator', keyword: null, eventId: null, actorUserId: actorUserId(ctx.actor) }]);
  if (newly.size) await recordAudit(ctx, 'member.opted_out', 'member', memberId, { source: 'operator' });
  return (await getOptOut(ctx, memberId))!;
}
