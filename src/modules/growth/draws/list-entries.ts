import { one, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';
import { paginate, type Page, type PageQuery } from '../../../core/pagination.js';
import { ENTRY_COLUMNS, ENTRY_FROM, parseEntry, type DrawEntry } from './entry-row.js';

/** A draw's audit trail for the console, newest first, optionally one member's. */
export async function listEntries(ctx: TenantCtx, drawId: string, q: PageQuery & { memberId?: string }): Promise<Page<DrawEntry>> {
  if (!await one(ctx.db, sql`select 1 from draws where workspace_id = ${ctx.workspaceId} and id = ${drawId}`)) throw notFound('draw');
  const page = await paginate<DrawEntry>(ctx.db, q, sql`
    select ${ENTRY_COLUMNS} from ${ENTRY_FROM}
    where e.workspace_id = ${ctx.workspaceId} and e.draw_id = ${drawId} ${q.memberId ? sql`and e.member_id = ${q.memberId}` : sql``}`,
  sql`"createdAt" desc, id desc`);
  return { ...page, items: page.items.map(parseEntry) };
}
