import { one, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';
import { paginate, type Page, type PageQuery } from '../../../core/pagination.js';

export interface CardEntryView {
  id: string; delta: number; reason: 'milestone' | 'operator' | 'make_up'; note: string | null;
  checkInDay: string | null; createdBy: string | null; createdByName: string | null; createdAt: Date;
}

/** A member's make-up cards as they came and went, newest first. */
export async function listCardEntries(ctx: TenantCtx, memberId: string, q: PageQuery): Promise<Page<CardEntryView>> {
  if (!(await one(ctx.db, sql`select 1 from members where workspace_id = ${ctx.workspaceId} and id = ${memberId}`))) throw notFound('member');
  return paginate<CardEntryView>(ctx.db, q, sql`
    select k.id, k.delta, k.reason, k.note, to_char(c.day, 'YYYY-MM-DD') as "checkInDay", k.created_by::text as "createdBy",
      u.name as "createdByName", k.created_at as "createdAt"
    from check_in_cards k
    left join check_ins c on c.workspace_id = k.workspace_id and c.id = k.check_in_id
    left join users u on u.id = k.created_by
    where k.workspace_id = ${ctx.workspaceId} and k.member_id = ${memberId}`, sql`"createdAt" desc, id`);
}
