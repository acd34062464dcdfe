import { sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { paginate, type Page } from '../../../core/pagination.js';
import type { z } from 'zod';
import type { accountSchema, listAccountsSchema } from './contracts.js';

type Account = z.infer<typeof accountSchema>;

/** Members with a points account, highest balance first, with what they earned, spent and have expiring. */
export async function listAccounts(ctx: TenantCtx, q: z.infer<typeof listAccountsSchema>): Promise<Page<Account>> {
  const search = q.search ? `%${q.search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  return paginate<Account>(ctx.db, q, sql`
    select a.member_id as "memberId", m.display_name as name, a.balance, a.updated_at as "updatedAt",
      coalesce(t.earned, 0)::int as earned, coalesce(t.spent, 0)::int as spent, coalesce(t.expired, 0)::int as expired,
      coalesce((select sum(l.remaining) from points_lots l where l.workspace_id = a.workspace_id and l.member_id = a.member_id
        and l.remaining > 0 and l.expires_at < now() + interval '30 days'), 0)::int as "expiringSoon"
    from points_accounts a
    join members m on m.workspace_id = a.workspace_id and m.id = a.member_id
    left join lateral (
      select sum(amount) filter (where kind = 'earn') as earned, -sum(amount) filter (where kind = 'spend') as spent,
        -sum(amount) filter (where kind = 'expire') as expired
      from points_entries e where e.workspace_id = a.workspace_id and e.member_id = a.member_id) t on true
    where a.workspace_id = ${ctx.workspaceId} ${search ? sql`and lower(m.display_name) like ${search}` : sql``}`,
  sql`balance desc, "memberId"`);
}
