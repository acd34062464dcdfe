import { one, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';
import { paginate, type Page, type PageQuery } from '../../../core/pagination.js';
import type { z } from 'zod';
import type { entrySchema } from './contracts.js';
import { pointsBalance } from './points-balance.js';

type Entry = z.infer<typeof entrySchema>;

/** A member's points history, newest first, with their spendable balance. */
export async function listEntries(ctx: TenantCtx, memberId: string, q: PageQuery): Promise<Page<Entry> & { balance: number; name: string }> {
  const member = await one<{ name: string }>(ctx.db, sql`select display_name as name from members where workspace_id = ${ctx.workspaceId} and id = ${memberId}`);
  if (!member) throw notFound('member');
  const page = await paginate<Entry>(ctx.db, q, sql`
    select e.id, e.amount, e.kind, e.reason, e.note, e.balance_after as "balanceAfter", e.created_at as "createdAt",
      l.remaining, l.expires_at as "expiresAt"
    from points_entries e left join points_lots l on l.workspace_id = e.workspace_id and l.entry_id = e.id
    where e.workspace_id = ${ctx.workspaceId} and e.member_id = ${memberId}`,
  sql`"createdAt" desc, id desc`);
  return { ...page, balance: await pointsBalance(ctx, memberId), name: member.name };
}
