import { one, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';
import type { BindResult } from './contracts.js';
import { getDistributionSettings } from './settings.js';

export interface BindInput { customerMemberId: string; code: string; at: Date }

/**
 * A customer arrived through a distributor's code. Under first_touch the first code holds for the
 * workspace's binding days and a later code changes nothing until it expires; under latest_touch the latest
 * touch wins (a touch older than the binding, arriving late, does not). Refused: an unknown or unapproved
 * code, one's own code, and the code of one's own downline (a distributor the customer recruited, directly or
 * one step further), so nobody earns on themselves and no commission runs in a circle.
 * The binding is written in one guarded upsert, so two touches at once cannot both win.
 */
export async function bindCustomer(ctx: TenantCtx, input: BindInput): Promise<BindResult> {
  const customer = await one(ctx.db, sql`select 1 from members where workspace_id = ${ctx.workspaceId} and id = ${input.customerMemberId}`);
  if (!customer) throw notFound('member');
  const d = await one<{ id: string; memberId: string; code: string; uplineMember: string | null; upline2Member: string | null }>(ctx.db, sql`
    select d.id, d.member_id as "memberId", d.code, u.member_id as "uplineMember", u2.member_id as "upline2Member"
    from distributors d
    left join distributors u on u.workspace_id = d.workspace_id and u.id = d.upline_id
    left join distributors u2 on u2.workspace_id = u.workspace_id and u2.id = u.upline_id
    where d.workspace_id = ${ctx.workspaceId} and upper(d.code) = upper(${input.code.trim()}) and d.status = 'approved'`);
  if (!d) return { outcome: 'refused', reason: 'unknown_code', distributorId: null };
  if (d.memberId === input.customerMemberId) return { outcome: 'refused', reason: 'self', distributorId: d.id };
  if (d.uplineMember === input.customerMemberId || d.upline2Member === input.customerMemberId) {
    return { outcome: 'refused', reason: 'downline', distributorId: d.id };
  }
  const settings = await getDistributionSettings(ctx);
  const at = input.at.toISOString();
  const firstTouch = settings.bindingRule === 'first_touch';
  const expiresAt = firstTouch ? new Date(input.at.getTime() + settings.bindingDays * 86_400_000).toISOString() : null;
  const won = await one<{ distributorId: string }>(ctx.db, sql`
    insert into distribution_bindings (workspace_id, customer_member_id, distributor_id, code, bound_at, expires_at)
    values (${ctx.workspaceId}, ${input.customerMemberId}, ${d.id}, ${d.code}, ${at}, ${expiresAt}::timestamptz)
    on conflict (workspace_id, customer_member_id) do update set distributor_id = excluded.distributor_id, code = excluded.code,
      bound_at = excluded.bound_at, expires_at = excluded.expires_at, updated_at = now()
    where case when ${firstTouch}
      then coalesce(distribution_bindings.expires_at, distribution_bindings.bound_at + make_interval(days => ${settings.bindingDays}::int)) <= excluded.bound_at
      else distribution_bindings.bound_at <= excluded.bound_at end
    returning distributor_id as "distributorId"`);
  if (won) return { outcome: 'bound', reason: null, distributorId: d.id };
  return { outcome: 'kept', reason: firstTouch ? 'binding_active' : 'older_touch', distributorId: d.id };
}
