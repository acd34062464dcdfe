import { rows, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';
import { eligibilityOf, memberSegments, type DrawRules, type Eligibility } from './eligibility.js';
import { prizesOf, type Prize } from './get-draw.js';
import { checkId } from './check-id.js';

export interface MemberDraw {
  id: string; name: string; description: string; startsAt: Date; endsAt: Date; unit: DrawRules['unit']; pointsCost: number;
  minCheckInDays: number; segment: string | null; commitment: string | null;
  /** What the member sees of the prizes: names, kinds and whether any are left (not the weights' arithmetic). */
  prizes: Pick<Prize, 'id' | 'name' | 'kind' | 'points' | 'stock'>[];
  eligibility: Eligibility;
}

/**
 * For the member page: the open draws whose window has not ended, each with whether this member may draw
 * now (or the first reason not) and the units left to them. The segments are computed once for all draws.
 */
export async function listMemberDraws(ctx: TenantCtx, memberId: string, now = new Date()): Promise<MemberDraw[]> {
  checkId('memberId', memberId);
  const member = await rows(ctx.db, sql`select 1 from members where workspace_id = ${ctx.workspaceId} and id = ${memberId}`);
  if (member.length === 0) throw notFound('member');
  const draws = await rows<DrawRules & { name: string; description: string; commitment: string | null }>(ctx.db, sql`
    select id, name, description, status, starts_at as "startsAt", ends_at as "endsAt", unit, points_cost as "pointsCost",
      min_check_in_days as "minCheckInDays", segment, seed_commitment as commitment
    from draws where workspace_id = ${ctx.workspaceId} and status = 'open' and ends_at > ${now.toISOString()}
    order by ends_at, id`);
  const prizes = await prizesOf(ctx, draws.map((d) => d.id));
  let segments: Promise<Set<string>> | undefined;
  const segmentsOnce = () => (segments ??= memberSegments(ctx, memberId));
  const out: MemberDraw[] = [];
  for (const d of draws) {
    const eligibility = await eligibilityOf(ctx, d, memberId, now, segmentsOnce);
    out.push({
      id: d.id, name: d.name, description: d.description, startsAt: d.startsAt, endsAt: d.endsAt, unit: d.unit, pointsCost: d.pointsCost,
      minCheckInDays: d.minCheckInDays, segment: d.segment, commitment: d.commitment,
      prizes: prizes.get(d.id)!.map((p) => ({ id: p.id, name: p.name, kind: p.kind, points: p.points, stock: p.stock })),
      eligibility,
    });
  }
  return out;
}
