import { one, rows, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';
import type { DrawStatus, DrawUnit, PrizeKind } from './contracts.js';

export interface Prize {
  id: string; position: number; name: string; kind: PrizeKind; points: number | null; rewardId: string | null;
  weight: number; stock: number | null; initialStock: number | null; awarded: number;
}

export interface Draw {
  id: string; name: string; description: string; status: DrawStatus; startsAt: Date; endsAt: Date; unit: DrawUnit;
  pointsCost: number; minCheckInDays: number; segment: string | null;
  commitment: string | null;
  /** Only once the draw is closed: before, the seed would let anyone foresee every roll. */
  seed: string | null;
  openedAt: Date | null; closedAt: Date | null; createdAt: Date; updatedAt: Date; entries: number; prizes: Prize[];
}

/** The columns of a draw as the API answers them; the seed column is read only when the draw is closed. */
export const DRAW_COLUMNS = sql`d.id, d.name, d.description, d.status, d.starts_at as "startsAt", d.ends_at as "endsAt", d.unit,
  d.points_cost as "pointsCost", d.min_check_in_days as "minCheckInDays", d.segment, d.seed_commitment as commitment,
  case when d.status = 'closed' then d.server_seed end as seed,
  d.opened_at as "openedAt", d.closed_at as "closedAt", d.created_at as "createdAt", d.updated_at as "updatedAt",
  (select count(*)::int from draw_entries e where e.workspace_id = d.workspace_id and e.draw_id = d.id) as entries`;

export async function prizesOf(ctx: TenantCtx, drawIds: string[]): Promise<Map<string, Prize[]>> {
  const out = new Map<string, Prize[]>(drawIds.map((id) => [id, []]));
  if (drawIds.length === 0) return out;
  const found = await rows<Prize & { drawId: string }>(ctx.db, sql`
    select p.draw_id as "drawId", p.id, p.position, p.name, p.kind, p.points, p.reward_id as "rewardId", p.weight, p.stock,
      p.initial_stock as "initialStock",
      (select count(*)::int from draw_entries e where e.workspace_id = p.workspace_id and e.prize_id = p.id) as awarded
    from draw_prizes p where p.workspace_id = ${ctx.workspaceId} and p.draw_id = any(${`{${drawIds.join(',')}}`}::uuid[])
    order by p.draw_id, p.position`);
  for (const { drawId, ...p } of found) out.get(drawId)?.push(p);
  return out;
}

export async function getDraw(ctx: TenantCtx, id: string): Promise<Draw> {
  const row = await one<Omit<Draw, 'prizes'>>(ctx.db, sql`select ${DRAW_COLUMNS} from draws d where d.workspace_id = ${ctx.workspaceId} and d.id = ${id}`);
  if (!row) throw notFound('draw');
  return { ...row, prizes: (await prizesOf(ctx, [id])).get(id)! };
}
