import { one, sql, type SQL } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';
import { paginate, type Page, type PageQuery } from '../../../core/pagination.js';
import type { OptOut } from './contracts.js';

// Opted-out members are those with the member switch on; the record, when there is one, says how and when.
const optOutSelect = (ctx: TenantCtx, filter: SQL) => sql`
  select m.id as "memberId", m.display_name as "displayName", o.opted_out_at as "optedOutAt", o.source, o.keyword,
         o.event_id as "eventId", u.name as "actorName"
  from members m
  left join member_opt_outs o on o.workspace_id = m.workspace_id and o.member_id = m.id
  left join users u on u.id = o.actor_user_id
  where m.workspace_id = ${ctx.workspaceId} and m.opted_out ${filter}`;

/** Opted-out members, most recent first; `q` matches the display name. */
export function listOptOuts(ctx: TenantCtx, q: PageQuery & { q?: string }): Promise<Page<OptOut>> {
  const filter = q.q ? sql`and m.display_name ilike ${'%' + q.q.replace(/[\\%_]/g, (c) => `\\${c}`) + '%'}` : sql``;
  return paginate<OptOut>(ctx.db, q, optOutSelect(ctx, filter), sql`"optedOutAt" desc nulls last, "memberId"`);
}

/** One member's opt-out, or null when the member is not opted out (404 when there is no such member). */
export async function getOptOut(ctx: TenantCtx, memberId: string): Promise<OptOut | null> {
  const found = await one<OptOut>(ctx.db, optOutSelect(ctx, sql`and m.id = ${memberId}`));
  if (found) return found;
  const exists = await one(ctx.db, sql`select 1 from members where workspace_id = ${ctx.workspaceId} and id = ${memberId}`);
  if (!exists) throw notFound('member');
  return null;
}
