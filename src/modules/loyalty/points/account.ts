import { one, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';

/**
 * Opens the member's account if needed and locks it for the rest of the transaction. Every posting takes
 * this lock first, so one member's postings queue up behind each other (and only behind each other):
 * the balance read next is the one the posting changes.
 */
export async function lockAccount(ctx: TenantCtx, memberId: string): Promise<number> {
  const member = await one(ctx.db, sql`select 1 from members where workspace_id = ${ctx.workspaceId} and id = ${memberId}`);
  if (!member) throw notFound('member');
  await ctx.db.execute(sql`
    insert into points_accounts (workspace_id, member_id) values (${ctx.workspaceId}, ${memberId}) on conflict do nothing`);
  const row = await one<{ balance: number }>(ctx.db, sql`
    select balance from points_accounts where workspace_id = ${ctx.workspaceId} and member_id = ${memberId} for update`);
  return row!.balance;
}

export interface PostingResult { entryId: string; amount: number; created: boolean; balance: number }

/** The posting already made under this key, answered as it was made (replays of a request change nothing). */
export async function postingByKey(ctx: TenantCtx, idempotencyKey: string): Promise<PostingResult | null> {
  const row = await one<{ id: string; amount: number; memberId: string }>(ctx.db, sql`
    select id, amount, member_id as "memberId" from points_entries where workspace_id = ${ctx.workspaceId} and idempotency_key = ${idempotencyKey}`);
  if (!row) return null;
  const account = await one<{ balance: number }>(ctx.db, sql`
    select balance from points_accounts where workspace_id = ${ctx.workspaceId} and member_id = ${row.memberId}`);
  return { entryId: row.id, amount: row.amount, created: false, balance: account?.balance ?? 0 };
}

export interface EntryInput {
  memberId: string;
  amount: number;
  kind: 'earn' | 'spend' | 'expire';
  reason: string;
  idempotencyKey: string;
  note?: string | null;
  activity?: string | null;
  localDay?: string | null;
  balanceAfter: number;
  createdBy?: string | null;
}

/** Writes one entry and the account's new balance; the caller holds the account lock. */
export async function insertEntry(ctx: TenantCtx, e: EntryInput): Promise<string> {
  const row = await one<{ id: string }>(ctx.db, sql`
    insert into points_entries (workspace_id, member_id, amount, kind, reason, activity, local_day, note, idempotency_key, balance_after, created_by)
    values (${ctx.workspaceId}, ${e.memberId}, ${e.amount}, ${e.kind}, ${e.reason}, ${e.activity ?? null}, ${e.localDay ?? null}::date,
      ${e.note ?? null}, ${e.idempotencyKey}, ${e.balanceAfter}, ${e.createdBy ?? null}::uuid)
    returning id`);
  await ctx.db.execute(sql`
    update points_accounts set balance = ${e.balanceAfter}, updated_at = now()
    where workspace_id = ${ctx.workspaceId} and member_id = ${e.memberId}`);
  return row!.id;
}
