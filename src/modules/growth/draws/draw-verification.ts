import { one, rows, sql, type Database } from '../../../db/client.js';
import type { TenantCtx, WorkspaceRef } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';
import type { DrawStatus } from './contracts.js';
import { verifyEntry } from './verify-entry.js';
import type { DrawAttempt } from './picker.js';
import { checkId } from './check-id.js';

export const ALGORITHM = 'commitment = SHA-256(seed bytes); roll = first 52 bits of HMAC-SHA256(seed bytes, "drawId:memberId:unitKey[:attempt]") '
  + 'by rejection sampling into [0, total weight) (rejected: HMAC of the message + "#1", "#2"...); the roll lands on the prize whose stretch of '
  + 'consecutive weights, in snapshot order, holds it';

export interface VerificationEntry {
  id: string; drawId: string; memberId: string; unitKey: string; roll: number; prizeId: string; prizeName: string;
  snapshot: DrawAttempt[]; createdAt: Date;
  /** Recomputed from the revealed seed; null while the seed is still secret. */
  valid: boolean | null;
}

export interface DrawVerification {
  drawId: string; name: string; status: DrawStatus; commitment: string | null;
  /** Only once closed: before that it would tell every future roll. */
  seed: string | null;
  closedAt: Date | null; algorithm: string; entries: VerificationEntry[];
}

/**
 * What anyone needs to check a draw: the commitment (published when it opened), the seed once it is closed,
 * and the entries (one member's, or all of them) each recomputed with verifyEntry against that seed.
 */
export async function drawVerification(ctx: TenantCtx, drawId: string, opts: { memberId?: string } = {}): Promise<DrawVerification> {
  checkId('drawId', drawId);
  if (opts.memberId !== undefined) checkId('memberId', opts.memberId);
  const d = await one<{ name: string; status: DrawStatus; commitment: string | null; seed: string | null; closedAt: Date | null }>(ctx.db, sql`
    select name, status, seed_commitment as commitment, case when status = 'closed' then server_seed end as seed, closed_at as "closedAt"
    from draws where workspace_id = ${ctx.workspaceId} and id = ${drawId}`);
  if (!d) throw notFound('draw');
  const found = await rows<Omit<VerificationEntry, 'valid'>>(ctx.db, sql`
    select id, draw_id as "drawId", member_id as "memberId", unit_key as "unitKey", roll, prize_id as "prizeId", prize_name as "prizeName",
      snapshot, created_at as "createdAt"
    from draw_entries where workspace_id = ${ctx.workspaceId} and draw_id = ${drawId}
      ${opts.memberId ? sql`and member_id = ${opts.memberId}` : sql``}
    order by created_at, id`);
  const entries = found.map((e) => {
    const snapshot = typeof e.snapshot === 'string' ? JSON.parse(e.snapshot) as DrawAttempt[] : e.snapshot;
    const valid = d.seed ? verifyEntry(d.seed, { ...e, snapshot }, d.commitment ?? undefined).valid : null;
    return { ...e, snapshot, valid };
  });
  return { drawId, name: d.name, status: d.status, commitment: d.commitment, seed: d.seed, closedAt: d.closedAt, algorithm: ALGORITHM, entries };
}

/**
 * The workspace of a draw, looked up across workspaces for the public verification address (the draw's id
 * is all it brings, like a live code's slug); everything after runs in that workspace's tenant transaction.
 */
export async function findDrawWorkspace(database: Database, drawId: string): Promise<WorkspaceRef | null> {
  const row = await one<{ id: string; timeZone: string }>(database.db, sql`
    select w.id, w.time_zone as "timeZone" from draws d join workspaces w on w.id = d.workspace_id where d.id = ${drawId}`);
  return row ?? null;
}
