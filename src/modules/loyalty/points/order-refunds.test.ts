import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../test/helpers/database.js';
import { groupEvent, ingestIntoGroups, webhookMember } from '../../../../test/helpers/events.js';
import { one, rows, sql } from '../../../db/client.js';
import { withTenant } from '../../../core/context.js';
import { ingestEvents } from '../../tracking/ingest-events.js';
import { createWorkspace, type WorkspaceRow } from '../../workspace/create-workspace.js';
import { setPointsSettings } from './set-points-settings.js';
import { spendPoints } from './spend-points.js';
import { pointsEarnedBetween } from './points-earned-between.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let ws: WorkspaceRow;
let members: Record<string, string>;
const system = { kind: 'system' as const, name: 'test' };
const tenant = <T>(fn: Parameters<typeof withTenant<T>>[3]) => withTenant(database, ws, system, fn);

const order = (id: string, type: 'order.paid' | 'order.refunded', who: string, orderId: string, amountCents: number, at = new Date()) =>
  ({ id, type, occurredAt: at.toISOString(), member: webhookMember(who), data: { orderId, amountCents } });
const ingest = (events: unknown[]) => tenant((ctx) => ingestEvents(ctx, events));
const balance = async (who: string) => (await one<{ balance: number }>(database.db, sql`
  select balance from points_accounts where workspace_id = ${ws.id} and member_id = ${members[who]!}`))?.balance ?? 0;
const clawbacks = (who: string) => rows<{ amount: number; note: string }>(database.db, sql`
  select amount, note from points_entries where workspace_id = ${ws.id} and member_id = ${members[who]!} and reason = 'order_refund' order by created_at`);

beforeAll(async () => {
  database = await createTestDatabase();
  ws = await createWorkspace(database, { name: 'Refunds', slug: 'refunds' });
  const at = new Date().toISOString();
  await ingestIntoGroups(database, ws, ['amy', 'bob', 'cat', 'dan'].map((m) => groupEvent(`j-${m}`, 'member.joined', 'g1', m, at)), ['g1']);
  const found = await rows<{ id: string; name: string }>(database.db, sql`select id, display_name as name from members where workspace_id = ${ws.id}`);
  members = Object.fromEntries(found.map((m) => [m.name, m.id]));
  await tenant((ctx) => setPointsSettings(ctx, { expiryDays: null, rules: [{ activity: 'order', points: 2, dailyCap: null, enabled: true }] }));
});
afterAll(() => database.drop());

describe('points of refunded orders', () => {
  it('partial refunds take back their share, add up to the whole, and a replayed refund takes nothing', async () => {
    await ingest([order('pay-a', 'order.paid', 'amy', 'A-1', 10_050)]); // 100 whole yuan: 200 points
    expect(await balance('amy')).toBe(200);
    await ingest([order('ref-a1', 'order.refunded', 'amy', 'A-1', 3_015)]); // 30% of the order
    expect(await balance('amy')).toBe(140);
    await ingest([order('ref-a1', 'order.refunded', 'amy', 'A-1', 3_015)]); // the same event again
    expect(await balance('amy')).toBe(140);
    // The rest, and then a refund beyond what was paid: together never more than the order earned.
    await ingest([order('ref-a2', 'order.refunded', 'amy', 'A-1', 7_035), order('ref-a3', 'order.refunded', 'amy', 'A-1', 5_000)]);
    expect(await balance('amy')).toBe(0);
    expect((await clawbacks('amy')).map((e) => e.amount)).toEqual([-60, -140]);
    expect((await clawbacks('amy'))[0]!.note).toBe('A-1');
  });

  it('points already spent stay spent: the balance stops at zero and the rest is counted as unrecovered', async () => {
    await ingest([order('pay-b', 'order.paid', 'bob', 'B-1', 5_000)]); // 100 points
    await tenant((ctx) => spendPoints(ctx, { memberId: members.bob!, amount: 80, reason: 'redeem', idempotencyKey: 'bob-redeem' }));
    await ingest([order('ref-b', 'order.refunded', 'bob', 'B-1', 5_000)]);
    expect(await balance('bob')).toBe(0);
    const books = await one<{ clawedBack: number; unrecovered: number; refundedCents: number }>(database.db, sql`
      select clawed_back as "clawedBack", unrecovered, refunded_cents::int as "refundedCents" from points_order_earnings
      where workspace_id = ${ws.id} and order_id = 'B-1'`);
    expect(books).toEqual({ clawedBack: 20, unrecovered: 80, refundedCents: 5_000 });
  });

  it('an order that earned nothing gives nothing back, and refunds net out of the points earned in a period', async () => {
    // An imported order from last month earned nothing (only the last day earns); its refund takes nothing.
    const old = new Date(Date.now() - 40 * 86_400_000);
    await ingest([order('pay-c-old', 'order.paid', 'cat', 'C-0', 9_900, old), order('ref-c-old', 'order.refunded', 'cat', 'C-0', 9_900)]);
    expect(await balance('cat')).toBe(0);
    expect(await clawbacks('cat')).toEqual([]);

    await ingest([order('pay-c', 'order.paid', 'cat', 'C-1', 2_000), order('pay-c2', 'order.paid', 'cat', 'C-2', 1_000)]); // 40 + 20
    await ingest([order('ref-c', 'order.refunded', 'cat', 'C-1', 2_000)]);
    const day = { from: new Date(Date.now() - 3_600_000), to: new Date(Date.now() + 60_000) };
    const earned = await tenant((ctx) => pointsEarnedBetween(ctx, { ...day, memberIds: [members.cat!] }));
    expect(earned.get(members.cat!)).toBe(20);
  });

  it('concurrent refunds of one order never take back more than it earned', async () => {
    await ingest([order('pay-d', 'order.paid', 'dan', 'D-1', 10_000)]); // 200 points
    await Promise.all(Array.from({ length: 6 }, (_, i) => ingest([order(`ref-d${i}`, 'order.refunded', 'dan', 'D-1', 4_000)])));
    expect(await balance('dan')).toBe(0);
    const taken = (await clawbacks('dan')).reduce((n, e) => n - e.amount, 0);
    expect(taken).toBe(200);
  });
});
