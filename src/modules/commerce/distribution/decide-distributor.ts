import { randomInt } from 'node:crypto';
import { one, sql } from '../../../db/client.js';
import { actorUserId, type TenantCtx } from '../../../core/context.js';
import { AppError, notFound } from '../../../core/errors.js';
import { recordAudit } from '../../workspace/record-audit.js';
import type { Distributor } from './contracts.js';
import { getDistributor } from './distributor-row.js';

// No 0/O, 1/I/L: a code is read aloud and typed from a poster.
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const CODE_LENGTH = 6;

export function newReferralCode(): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

async function pendingRow(ctx: TenantCtx, id: string): Promise<{ status: string }> {
  const row = await one<{ status: string }>(ctx.db, sql`
    select status from distributors where workspace_id = ${ctx.workspaceId} and id = ${id} for update`);
  if (!row) throw notFound('distributor');
  return row;
}

/**
 * Approves a pending application and gives the distributor their referral code (six characters, unique in
 * the workspace: a clash, one in ~10^8 per pair, draws again). Approving an approved distributor changes nothing.
 */
export async function approveDistributor(ctx: TenantCtx, id: string): Promise<Distributor> {
  const row = await pendingRow(ctx, id);
  if (row.status === 'approved') return getDistributor(ctx, id);
  if (row.status !== 'pending') throw new AppError('conflict', `distributor: the application is ${row.status}; the member applies again first`);
  for (let attempt = 0; ; attempt++) {
    const code = newReferralCode();
    const taken = await one(ctx.db, sql`select 1 from distributors where workspace_id = ${ctx.workspaceId} and code = ${code}`);
    if (taken && attempt < 20) continue;
    if (taken) throw new Error('distribution: no free referral code after 20 draws');
    await ctx.db.execute(sql`
      update distributors set status = 'approved', code = ${code}, reason = null, decided_at = now(), decided_by = ${actorUserId(ctx.actor)}::uuid
      where workspace_id = ${ctx.workspaceId} and id = ${id}`);
    await recordAudit(ctx, 'distribution.distributor_approved', 'distributor', id, { code });
    return getDistributor(ctx, id);
  }
}

/** Rejects a pending application with the reason the applicant is told. */
export async function rejectDistributor(ctx: TenantCtx, id: string, reason: string): Promise<Distributor> {
  const row = await pendingRow(ctx, id);
  if (row.status !== 'pending') throw new AppError('conflict', `distributor: only a pending application can be rejected (this one is ${row.status})`);
  await ctx.db.execute(sql`
    update distributors set status = 'rejected', reason = ${reason}, decided_at = now(), decided_by = ${actorUserId(ctx.actor)}::uuid
    where workspace_id = ${ctx.workspaceId} and id = ${id}`);
  await recordAudit(ctx, 'distribution.distributor_rejected', 'distributor', id, { reason });
  return getDistributor(ctx, id);
}
