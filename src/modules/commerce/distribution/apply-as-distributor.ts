import { one, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { AppError, invalid, notFound } from '../../../core/errors.js';
import type { Distributor } from './contracts.js';
import { getDistributor } from './distributor-row.js';

export interface ApplyInput {
  memberId: string;
  /** The code of the approved distributor who recruited this member: they become the upline. */
  uplineCode?: string;
  note?: string;
}

/**
 * A member applies to become a distributor; an operator decides. Applying again while pending or approved
 * answers the record as it is; a rejected member may apply again. Recruiting pays nothing by itself: the
 * upline earns only from orders of the new distributor's customers (docs/commerce.md, "Distribution").
 */
export async function applyAsDistributor(ctx: TenantCtx, input: ApplyInput): Promise<Distributor> {
  const member = await one(ctx.db, sql`select 1 from members where workspace_id = ${ctx.workspaceId} and id = ${input.memberId}`);
  if (!member) throw notFound('member');
  let uplineId: string | null = null;
  if (input.uplineCode) {
    const upline = await one<{ id: string; memberId: string }>(ctx.db, sql`
      select id, member_id as "memberId" from distributors
      where workspace_id = ${ctx.workspaceId} and upper(code) = upper(${input.uplineCode}) and status = 'approved'`);
    if (!upline) throw invalid('uplineCode', 'is not the code of an approved distributor');
    if (upline.memberId === input.memberId) throw invalid('uplineCode', 'is the applicant\'s own code');
    uplineId = upline.id;
  }
  const row = await one<{ id: string; status: string }>(ctx.db, sql`
    insert into distributors (workspace_id, member_id, upline_id, note) values (${ctx.workspaceId}, ${input.memberId}, ${uplineId}, ${input.note ?? null})
    on conflict (workspace_id, member_id) do update set status = 'pending', upline_id = excluded.upline_id, note = excluded.note,
      reason = null, applied_at = now(), decided_at = null, decided_by = null
      where distributors.status = 'rejected'
    returning id, status`);
  if (row) return getDistributor(ctx, row.id);
  const existing = await one<{ id: string }>(ctx.db, sql`
    select id from distributors where workspace_id = ${ctx.workspaceId} and member_id = ${input.memberId}`);
  if (!existing) throw new AppError('conflict', 'distributor: the application could not be stored');
  return getDistributor(ctx, existing.id);
}
