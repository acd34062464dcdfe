import { one, rows, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';

// Beside the intake's (723003) and the guardrails' (723006) advisory lock ids.
const CHECK_IN_LOCK = 723016;

/**
 * Makes a member's check-ins, make-ups and milestones take turns: the streak a verb reads is the one it
 * changes. Taken before any points account lock (milestone points lock the account), in every path, so two
 * transactions never wait on each other in a cycle. Another workspace's member is "not found".
 */
export async function lockMemberCheckIns(ctx: TenantCtx, memberId: string): Promise<void> {
  const member = await one(ctx.db, sql`select 1 from members where workspace_id = ${ctx.workspaceId} and id = ${memberId}`);
  if (!member) throw notFound('member');
  await ctx.db.execute(sql`select pg_advisory_xact_lock(${CHECK_IN_LOCK}, hashtext(${memberId}))`);
}

/** Every day the member has checked in (made-up days included). */
export async function checkedInDays(ctx: TenantCtx, memberId: string): Promise<Set<string>> {
  const found = await rows<{ day: string }>(ctx.db, sql`
    select to_char(day, 'YYYY-MM-DD') as day from check_ins where workspace_id = ${ctx.workspaceId} and member_id = ${memberId}`);
  return new Set(found.map((r) => r.day));
}

/** Make-up cards the member holds: what milestones and operators gave, less what make-ups used. */
export async function cardBalance(ctx: TenantCtx, memberId: string): Promise<number> {
  const row = await one<{ n: number }>(ctx.db, sql`
    select coalesce(sum(delta), 0)::int as n from check_in_cards where workspace_id = ${ctx.workspaceId} and member_id = ${memberId}`);
  return row!.n;
}

export interface CardEntry {
  memberId: string;
  delta: number;
  reason: 'milestone' | 'operator' | 'make_up';
  idempotencyKey: string;
  checkInId?: string | null;
  note?: string | null;
  createdBy?: string | null;
}

/** Writes one card movement; a key used before writes nothing and answers the earlier entry's id with created false. */
export async function addCardEntry(ctx: TenantCtx, e: CardEntry): Promise<{ id: string; created: boolean }> {
  const inserted = await one<{ id: string }>(ctx.db, sql`
    insert into check_in_cards (workspace_id, member_id, delta, reason, check_in_id, note, idempotency_key, created_by)
    values (${ctx.workspaceId}, ${e.memberId}, ${e.delta}, ${e.reason}, ${e.checkInId ?? null}, ${e.note ?? null}, ${e.idempotencyKey}, ${e.createdBy ?? null}::uuid)
    on conflict (workspace_id, idempotency_key) do nothing returning id`);
  if (inserted) return { id: inserted.id, created: true };
  const earlier = await one<{ id: string }>(ctx.db, sql`
    select id from check_in_cards where workspace_id = ${ctx.workspaceId} and idempotency_key = ${e.idempotencyKey}`);
  return { id: earlier!.id, created: false };
}
