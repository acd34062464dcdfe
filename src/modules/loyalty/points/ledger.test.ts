import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../test/helpers/database.js';
import { groupEvent, ingestIntoGroups } from '../../../../test/helpers/events.js';
import { one, rows, sql } from '../../../db/client.js';
import { withTenant } from '../../../core/context.js';
import { createWorkspace, type WorkspaceRow } from '../../workspace/create-workspace.js';
import { earnPoints } from './earn-points.js';
import { InsufficientPointsError, spendPoints } from './spend-points.js';
import { awardActivityPoints } from './award-activity-points.js';
import { setPointsSettings } from './set-points-settings.js';
import { pointsBalance } from './points-balance.js';
import { runPointsExpiry } from './expire-points.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let ws: WorkspaceRow;
let members: Record<string, string>;
const system = { kind: 'system' as const, name: 'test' };
const tenant = <T>(fn: Parameters<typeof withTenant<T>>[3]) => withTenant(database, ws, system, fn);
const DAY = 86_400_000;

beforeAll(async () => {
  database = await createTestDatabase();
  ws = await createWorkspace(database, { name: 'Points', slug: 'points' });
  const at = new Date().toISOString();
  await ingestIntoGroups(database, ws, ['amy', 'bob', 'cat', 'dan', 'eve'].map((m) => groupEvent(`j-${m}`, 'member.joined', 'g1', m, at)), ['g1']);
  const found = await rows<{ id: string; name: string }>(database.db, sql`select id, display_name as name from members where workspace_id = ${ws.id}`);
  members = Object.fromEntries(found.map((m) => [m.name, m.id]));
});
afterAll(() => database.drop());

/** The ledger's own books: the account balance, the sum of entries and the sum of open lots agree. */
async function books(memberId: string) {
  return one<{ balance: number; entries: number; lots: number }>(database.db, sql`
    select (select balance from points_accounts where workspace_id = ${ws.id} and member_id = ${memberId}) as balance,
      (select coalesce(sum(amount), 0)::int from points_entries where workspace_id = ${ws.id} and member_id = ${memberId}) as entries,
      (select coalesce(sum(remaining), 0)::int from points_lots where workspace_id = ${ws.id} and member_id = ${memberId}) as lots`);
}

describe('points ledger', () => {
  it('concurrent spends never overdraw: 20 spends of 30 against 100 leave exactly 3 successes and 10 points', async () => {
    const amy = members.amy!;
    await tenant((ctx) => earnPoints(ctx, { memberId: amy, amount: 100, reason: 'adjust', idempotencyKey: 'seed-amy' }));
    const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) =>
      tenant((ctx) => spendPoints(ctx, { memberId: amy, amount: 30, reason: 'redeem', idempotencyKey: `spend-amy-${i}` }))));
    const ok = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r) => r.status === 'rejected');
    expect(ok).toHaveLength(3);
    expect(refused.every((r) => (r as PromiseRejectedResult).reason instanceof InsufficientPointsError)).toBe(true);
    expect(await books(amy)).toEqual({ balance: 10, entries: 10, lots: 10 });
  });

  it('a replayed key posts once and answers the first posting', async () => {
    const bob = members.bob!;
    const first = await tenant((ctx) => earnPoints(ctx, { memberId: bob, amount: 50, reason: 'adjust', idempotencyKey: 'bob-1' }));
    const again = await Promise.all(Array.from({ length: 5 }, () =>
      tenant((ctx) => earnPoints(ctx, { memberId: bob, amount: 50, reason: 'adjust', idempotencyKey: 'bob-1' }))));
    expect(first.created).toBe(true);
    expect(again.every((r) => !r.created && r.entryId === first.entryId)).toBe(true);
    const spent = await Promise.all(Array.from({ length: 4 }, () =>
      tenant((ctx) => spendPoints(ctx, { memberId: bob, amount: 20, reason: 'redeem', idempotencyKey: 'bob-spend' }))));
    expect(spent.filter((r) => r.created)).toHaveLength(1);
    expect(await books(bob)).toEqual({ balance: 30, entries: 30, lots: 30 });
  });

  it('spends take the lots that expire first, and expired lots are closed before a spend', async () => {
    const cat = members.cat!;
    await tenant((ctx) => setPointsSettings(ctx, { expiryDays: 30, rules: [] }));
    const a = await tenant((ctx) => earnPoints(ctx, { memberId: cat, amount: 40, reason: 'adjust', idempotencyKey: 'cat-a' }));
    const b = await tenant((ctx) => earnPoints(ctx, { memberId: cat, amount: 40, reason: 'adjust', idempotencyKey: 'cat-b' }));
    await tenant((ctx) => setPointsSettings(ctx, { expiryDays: null, rules: [] }));
    const c = await tenant((ctx) => earnPoints(ctx, { memberId: cat, amount: 40, reason: 'adjust', idempotencyKey: 'cat-c' }));
    // Lot a becomes the oldest by a day, so FIFO order among lots with the same period is by age.
    await database.db.execute(sql`update points_lots set earned_at = earned_at - interval '1 day', expires_at = expires_at - interval '1 day' where entry_id = ${a.entryId}`);
    await tenant((ctx) => spendPoints(ctx, { memberId: cat, amount: 50, reason: 'redeem', idempotencyKey: 'cat-spend' }));
    const lots = await rows<{ entryId: string; remaining: number }>(database.db, sql`
      select entry_id as "entryId", remaining from points_lots where member_id = ${cat} order by earned_at`);
    expect(Object.fromEntries(lots.map((l) => [l.entryId, l.remaining]))).toEqual({ [a.entryId]: 0, [b.entryId]: 30, [c.entryId]: 40 });
    // Lot b's time comes: it is no longer spendable, and the job closes it with an expiry entry.
    await database.db.execute(sql`update points_lots set expires_at = now() - interval '1 minute' where entry_id = ${b.entryId}`);
    expect(await tenant((ctx) => pointsBalance(ctx, cat))).toBe(40);
    await expect(tenant((ctx) => spendPoints(ctx, { memberId: cat, amount: 41, reason: 'redeem', idempotencyKey: 'cat-too-much' }))).rejects.toThrow(/balance is 40/);
    // The refused spend rolled back, expiry included; the job does it for good, once.
    expect((await books(cat))!.balance).toBe(70);
    expect(await runPointsExpiry(database)).toBe(1);
    expect(await runPointsExpiry(database)).toBe(0);
    expect(await books(cat)).toEqual({ balance: 40, entries: 40, lots: 40 });
    const expired = await rows<{ amount: number }>(database.db, sql`select amount from points_entries where member_id = ${cat} and kind = 'expire'`);
    expect(expired).toEqual([{ amount: -30 }]);
  });

  it('earn rules: points per occurrence, cut to the daily cap of the local day, also when concurrent', async () => {
    const dan = members.dan!;
    await tenant((ctx) => setPointsSettings(ctx, { expiryDays: null, rules: [
      { activity: 'message', points: 3, dailyCap: 10, enabled: true },
      { activity: 'order', points: 1, dailyCap: null, enabled: true },
      { activity: 'invite', points: 50, dailyCap: null, enabled: false },
    ] }));
    const at = new Date();
    const awarded = await Promise.all(Array.from({ length: 6 }, (_, i) =>
      tenant((ctx) => awardActivityPoints(ctx, { memberId: dan, activity: 'message', idempotencyKey: `msg-${i}`, at }))));
    expect(awarded.map((r) => r?.amount ?? 0).sort()).toEqual([0, 0, 1, 3, 3, 3]);
    // Another local day has its own cap.
    const tomorrow = await tenant((ctx) => awardActivityPoints(ctx, { memberId: dan, activity: 'message', idempotencyKey: 'msg-next', at: new Date(at.getTime() + DAY) }));
    expect(tomorrow?.amount).toBe(3);
    expect((await tenant((ctx) => awardActivityPoints(ctx, { memberId: dan, activity: 'order', idempotencyKey: 'order-1', at, quantity: 88 })))?.amount).toBe(88);
    expect(await tenant((ctx) => awardActivityPoints(ctx, { memberId: dan, activity: 'invite', idempotencyKey: 'inv-1', at }))).toBeNull();
    expect(await tenant((ctx) => awardActivityPoints(ctx, { memberId: dan, activity: 'check_in', idempotencyKey: 'ci-1', at }))).toBeNull();
    expect((await books(dan))!.balance).toBe(10 + 3 + 88);
  });

  it('another workspace cannot post to or read this workspace\'s member', async () => {
    const other = await createWorkspace(database, { name: 'Other', slug: 'other-points' });
    await expect(withTenant(database, other, system, (ctx) => earnPoints(ctx, { memberId: members.eve!, amount: 5, reason: 'adjust', idempotencyKey: 'x-eve' })))
      .rejects.toThrow(/member not found/);
    expect(await withTenant(database, other, system, (ctx) => pointsBalance(ctx, members.amy!))).toBe(0);
  });
});
