import { rows, sql, type SQL } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';
import type { Distributor } from './contracts.js';
import { getDistributionSettings, referralLink } from './settings.js';

/** The select every distributor read shares; `where` narrows it (d is distributors, m the member). */
export function distributorSelect(ctx: TenantCtx, where: SQL): SQL {
  return sql`
    select d.id, d.member_id as "memberId", m.display_name as name, d.status, d.code, d.upline_id as "uplineId", um.display_name as "uplineName",
      d.reason, d.note, d.applied_at as "appliedAt", d.decided_at as "decidedAt",
      d.frozen_cents::float8 as "frozenCents", d.available_cents::float8 as "availableCents", d.withdrawing_cents::float8 as "withdrawingCents",
      d.withdrawn_cents::float8 as "withdrawnCents", d.owed_cents::float8 as "owedCents",
      (select count(*)::int from distribution_bindings b where b.workspace_id = d.workspace_id and b.distributor_id = d.id) as customers,
      (select count(*)::int from distributors r where r.workspace_id = d.workspace_id and r.upline_id = d.id) as downline
    from distributors d
    join members m on m.workspace_id = d.workspace_id and m.id = d.member_id
    left join distributors u on u.workspace_id = d.workspace_id and u.id = d.upline_id
    left join members um on um.workspace_id = u.workspace_id and um.id = u.member_id
    where d.workspace_id = ${ctx.workspaceId} and ${where}`;
}

/** Adds the referral link, which depends on the workspace's landing address. */
export async function withLinks(ctx: TenantCtx, found: Omit<Distributor, 'link'>[]): Promise<Distributor[]> {
  if (!found.length) return [];
  const { landingUrl } = await getDistributionSettings(ctx);
  return found.map((d) => ({ ...d, link: referralLink(landingUrl, d.code) }));
}

export async function getDistributor(ctx: TenantCtx, id: string): Promise<Distributor> {
  const found = await rows<Omit<Distributor, 'link'>>(ctx.db, distributorSelect(ctx, sql`d.id = ${id}`));
  if (!found.length) throw notFound('distributor');
  return (await withLinks(ctx, found))[0]!;
}

/** The member's distributor record, or null when they never applied. */
export async function distributorOfMember(ctx: TenantCtx, memberId: string): Promise<Distributor | null> {
  const found = await rows<Omit<Distributor, 'link'>>(ctx.db, distributorSelect(ctx, sql`d.member_id = ${memberId}`));
  return found.length ? (await withLinks(ctx, found))[0]! : null;
}
