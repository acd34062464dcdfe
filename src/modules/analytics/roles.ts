import { one, rows, sql } from '../../db/client.js';
import type { TenantCtx } from '../../core/context.js';
import { asOfScope, type AsOfInput } from './as-of-scope.js';
import { topFifthSize } from './concentration.js';
import { ACTIVATION_HOURS } from './membership-metrics.js';
import { membershipsAt } from './memberships-at.js';
import { inScope, instant, type Scope } from './scope.js';
import { kolCandidates } from './kol-candidates.js';

export const ROLE_NAMES = ['core', 'kol_candidate', 'lurker', 'newcomer'] as const;
export type RoleName = (typeof ROLE_NAMES)[number];

export const CORE_DAYS = 28;
export const LURKER_DAYS = 14;
export const NEWCOMER_HOURS = ACTIVATION_HOURS;
export const KOL_DAYS = 28;
export const KOL_MIN_RECEIVED = 3;
/** KOL candidates per community: the ceil(5%) of its present members (owners and admins aside) ranked first by kolCandidates. */
export const kolPoolSize = (n: number) => Math.floor((n + 19) / 20);

export interface MemberRoles {
  member_id: string; core: boolean; kol_candidate: boolean; lurker: boolean; newcomer: boolean;
  messages_28d: number; received_28d: number;
}

/** Everyone whose value reaches the k-th largest: ties at the edge are all in, so no arbitrary order decides. */
function topWithTies(values: number[], k: number): number {
  const desc = [...values].sort((a, b) => b - a);
  return k > 0 && desc.length ? desc[Math.min(k, desc.length) - 1]! : Infinity;
}

/**
 * Members who are among the first ceil(5%) of a community's kolCandidates (network reach and replies and
 * mentions received, owners and admins left out) over [local midnight of D-27, asOf), with at least 3
 * received there, and are present in that community at asOf. Groups without a message in those days
 * cannot have candidates and are skipped, which keeps a workspace-wide report from building every network.
 */
async function kolsIn(ctx: TenantCtx, s: Scope): Promise<Set<string>> {
  const d = sql`${s.lastDay}::date`;
  const groups = await rows<{ community_id: string; members: string[]; pool: number }>(ctx.db, sql`
    select ms.community_id, array_agg(ms.member_id::text) as members, count(*) filter (where ms.role not in ('owner', 'admin'))::int as pool
    from (${membershipsAt(ctx, s)}) ms
    where ms.present and exists (
      select 1 from community_days cd where cd.workspace_id = ${ctx.workspaceId} and cd.community_id = ms.community_id
        and cd.day > ${d} - ${KOL_DAYS}::int and cd.day <= ${d} and cd.messages > 0)
    group by ms.community_id order by ms.community_id`);
  if (!groups.length) return new Set();
  const { from } = (await one<{ from: Date }>(ctx.db, sql`select ((${d} - ${KOL_DAYS - 1}::int)::timestamp at time zone ${ctx.timeZone}) as "from"`))!;
  const out = new Set<string>();
  for (const g of groups) {
    const present = new Set(g.members);
    const top = await kolCandidates(ctx, { communityId: g.community_id, from, to: s.to, limit: kolPoolSize(g.pool) });
    for (const c of top) if (c.received >= KOL_MIN_RECEIVED && present.has(c.member_id)) out.add(c.member_id);
  }
  return out;
}

/** Roles of the members present at the scope's `to` in some community of the scope (definitions: docs/metrics.md). */
export async function rolesIn(ctx: TenantCtx, s: Scope): Promise<MemberRoles[]> {
  const d = sql`${s.lastDay}::date`;
  const found = await rows<{ member_id: string; newcomer: boolean; m28: number; m14: number; r28: number }>(ctx.db, sql`
    with ms as (${membershipsAt(ctx, s)}),
    present as (
      select member_id,
             coalesce(bool_or(joined_at >= ${instant(s.to)} - ${`${NEWCOMER_HOURS} hours`}::interval), false) as newcomer
      from ms where present group by member_id),
    act as (
      select a.member_id,
             sum(a.messages) filter (where a.day > ${d} - ${CORE_DAYS}::int) as m28,
             sum(a.messages) filter (where a.day > ${d} - ${LURKER_DAYS}::int) as m14,
             sum(a.replies_received + a.mentions_received) filter (where a.day > ${d} - ${KOL_DAYS}::int) as r28
      from member_days a
      where ${inScope(ctx, s, 'a')} and a.day > ${d} - ${Math.max(CORE_DAYS, LURKER_DAYS, KOL_DAYS)}::int and a.day <= ${d}
      group by a.member_id)
    select p.member_id, p.newcomer,
           coalesce(a.m28, 0)::int as m28, coalesce(a.m14, 0)::int as m14, coalesce(a.r28, 0)::int as r28
    from present p left join act a on a.member_id = p.member_id order by p.member_id`);

  const speakers = found.filter((r) => r.m28 > 0);
  const coreMin = topWithTies(speakers.map((r) => r.m28), topFifthSize(speakers.length));
  const kols = await kolsIn(ctx, s);
  return found.map((r) => ({
    member_id: r.member_id,
    core: r.m28 > 0 && r.m28 >= coreMin,
    kol_candidate: kols.has(r.member_id),
    lurker: r.m14 === 0,
    newcomer: r.newcomer,
    messages_28d: r.m28,
    received_28d: r.r28,
  }));
}

/**
 * Who carries the group (core), who others answer and mention (KOL candidates), who stays silent
 * (lurkers) and who just arrived (newcomers), for the members present at asOf (default now).
 */
export async function memberRoles(ctx: TenantCtx, input: AsOfInput): Promise<MemberRoles[]> {
  return rolesIn(ctx, await asOfScope(ctx, input));
}
