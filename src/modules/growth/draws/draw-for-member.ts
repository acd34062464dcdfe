import { randomUUID } from 'node:crypto';
import { one, rows, sql } from '../../../db/client.js';
import { actorUserId, type TenantCtx } from '../../../core/context.js';
import { AppError, invalid, notFound } from '../../../core/errors.js';
import { earnPoints } from '../../loyalty/points/earn-points.js';
import { spendPoints } from '../../loyalty/points/spend-points.js';
import type { PrizeKind } from './contracts.js';
import { eligibilityOf, type DrawRules } from './eligibility.js';
import { ENTRY_COLUMNS, ENTRY_FROM, parseEntry, type DrawEntry } from './entry-row.js';
import { pick, type DrawAttempt, type SnapshotPrize } from './picker.js';
import { refusal } from './refusal.js';
import { checkId } from './check-id.js';

export type DrawResult = DrawEntry & { created: boolean };

async function entryByKey(ctx: TenantCtx, drawId: string, idempotencyKey: string): Promise<DrawResult | null> {
  const row = await one<DrawEntry>(ctx.db, sql`
    select ${ENTRY_COLUMNS} from ${ENTRY_FROM} where e.workspace_id = ${ctx.workspaceId} and e.draw_id = ${drawId} and e.idempotency_key = ${idempotencyKey}`);
  return row ? { ...parseEntry(row), created: false } : null;
}

type StockedPrize = SnapshotPrize & { stock: number | null; points: number | null; rewardId: string | null; kind: PrizeKind };

/**
 * One draw for a member, in the caller's one transaction: the eligibility unit is claimed first (its primary
 * key lets one of concurrent draws in a unit through), then the points are spent through the ledger, then a
 * prize is picked with the committed seed and one unit taken by a guarded decrement. If another draw took
 * the picked prize's last unit in between, the pick is made again among the prizes still in stock, with the
 * next attempt's roll, and both picks are recorded. Any refusal rolls the claim and the spend back with it.
 * The same idempotency key answers the first draw.
 */
export async function drawForMember(ctx: TenantCtx, drawId: string, memberId: string, opts: { idempotencyKey: string }, now = new Date()): Promise<DrawResult> {
  checkId('drawId', drawId);
  checkId('memberId', memberId);
  const key = opts?.idempotencyKey;
  if (typeof key !== 'string' || key.length < 8 || key.length > 100) throw invalid('idempotencyKey', 'must be 8 to 100 characters');
  // FOR SHARE: draws run side by side, while closing (FOR UPDATE) waits for them, so no entry follows the reveal.
  const d = await one<DrawRules & { seed: string | null }>(ctx.db, sql`
    select id, status, starts_at as "startsAt", ends_at as "endsAt", unit, points_cost as "pointsCost", min_check_in_days as "minCheckInDays",
      segment, server_seed as seed
    from draws where workspace_id = ${ctx.workspaceId} and id = ${drawId} for share`);
  if (!d) throw notFound('draw');
  const replay = await entryByKey(ctx, drawId, key);
  if (replay) return replay;
  if (!await one(ctx.db, sql`select 1 from members where workspace_id = ${ctx.workspaceId} and id = ${memberId}`)) throw notFound('member');

  const e = await eligibilityOf(ctx, d, memberId, now);
  // Points and stock are decided below by the ledger and the decrement, not by this earlier read.
  if (!e.eligible && e.reason !== 'points' && e.reason !== 'no_prizes') {
    // A double tap whose twin committed after the replay check above sees its own unit as used: answer the twin.
    if (e.reason === 'unit_used') {
      const twin = await entryByKey(ctx, drawId, key);
      if (twin) return twin;
    }
    throw refusal(e);
  }

  const claimed = await one(ctx.db, sql`
    insert into draw_units (workspace_id, draw_id, member_id, unit_key, idempotency_key)
    values (${ctx.workspaceId}, ${drawId}, ${memberId}, ${e.unitKey}, ${key}) on conflict do nothing returning 1 as ok`);
  if (!claimed) {
    // A concurrent draw with this key (a double click) committed first: answer its result.
    const first = await entryByKey(ctx, drawId, key);
    if (first) return first;
    throw refusal({ ...e, reason: 'unit_used' });
  }

  const spend = d.pointsCost > 0
    ? await spendPoints(ctx, { memberId, amount: d.pointsCost, reason: 'draw', idempotencyKey: `draw:${drawId}:${memberId}:${e.unitKey}` })
    : null;

  const attempts: DrawAttempt[] = [];
  let won: StockedPrize | null = null;
  while (!won) {
    const available = await rows<StockedPrize>(ctx.db, sql`
      select id, name, kind, weight, stock, points, reward_id as "rewardId" from draw_prizes
      where workspace_id = ${ctx.workspaceId} and draw_id = ${drawId} and (stock is null or stock > 0) order by position`);
    if (available.length === 0) throw new AppError('conflict', 'draw: every prize is gone', [{ path: 'prizes', message: 'no prize has stock left' }]);
    const snapshot = available.map((p) => ({ id: p.id, name: p.name, kind: p.kind, weight: p.weight }));
    const got = pick(d.seed!, { drawId, memberId, unitKey: e.unitKey, attempt: attempts.length }, snapshot);
    const prize = available.find((p) => p.id === got.prize.id)!;
    // Unlimited prizes need no row lock: concurrent "thanks for playing" draws never queue on one row.
    const taken = prize.stock === null || !!await one(ctx.db, sql`
      update draw_prizes set stock = stock - 1 where workspace_id = ${ctx.workspaceId} and id = ${prize.id} and stock > 0 returning id`);
    attempts.push({ prizes: snapshot, total: got.total, roll: got.roll, prizeId: prize.id, taken });
    if (taken) won = prize;
  }

  const entryId = randomUUID();
  const prizeEntry = won.kind === 'points'
    ? await earnPoints(ctx, { memberId, amount: won.points!, reason: 'draw_prize', idempotencyKey: `draw-prize:${entryId}`, note: won.name })
    : null;
  const last = attempts[attempts.length - 1]!;
  await ctx.db.execute(sql`
    insert into draw_entries (workspace_id, id, draw_id, member_id, unit_key, idempotency_key, roll, prize_id, prize_name, prize_kind, snapshot,
      points_cost, spend_entry_id, prize_entry_id, created_by)
    values (${ctx.workspaceId}, ${entryId}, ${drawId}, ${memberId}, ${e.unitKey}, ${key}, ${last.roll}, ${won.id}, ${won.name}, ${won.kind},
      ${JSON.stringify(attempts)}::jsonb, ${d.pointsCost}, ${spend?.entryId ?? null}::uuid, ${prizeEntry?.entryId ?? null}::uuid, ${actorUserId(ctx.actor)}::uuid)`);
  if (won.kind === 'reward' || won.kind === 'physical') {
    await ctx.db.execute(sql`
      insert into draw_awards (workspace_id, entry_id, draw_id, member_id, prize_id, reward_id)
      values (${ctx.workspaceId}, ${entryId}, ${drawId}, ${memberId}, ${won.id}, ${won.rewardId}::uuid)`);
  }
  const entry = await one<DrawEntry>(ctx.db, sql`select ${ENTRY_COLUMNS} from ${ENTRY_FROM} where e.workspace_id = ${ctx.workspaceId} and e.id = ${entryId}`);
  return { ...parseEntry(entry!), created: true };
}
