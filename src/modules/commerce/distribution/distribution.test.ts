import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../test/helpers/database.js';
import { groupEvent, ingestIntoGroups, webhookMember } from '../../../../test/helpers/events.js';
import { one, rows, sql } from '../../../db/client.js';
import { withTenant, type TenantCtx } from '../../../core/context.js';
import { AppError } from '../../../core/errors.js';
import { ingestEvents } from '../../tracking/ingest-events.js';
import { createWorkspace } from '../../workspace/create-workspace.js';
import type { DistributionSettings } from './contracts.js';
import { DEFAULT_DISTRIBUTION_SETTINGS } from './settings.js';
import { setDistributionSettings } from './set-distribution-settings.js';
import { applyAsDistributor } from './apply-as-distributor.js';
import { approveDistributor, rejectDistributor } from './decide-distributor.js';
import { bindCustomer } from './bind-customer.js';
import { runCommissionRelease } from './release-commissions.js';
import { requestWithdrawal } from './request-withdrawal.js';
import { decideWithdrawal } from './decide-withdrawal.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
const system = { kind: 'system' as const, name: 'test' };
const DAY = 86_400_000;
const NAMES = ['amy', 'bob', 'cat', 'dan', 'eve', 'uma', 'top', 'kim'];

beforeAll(async () => { database = await createTestDatabase(); });
afterAll(() => database.drop());

/**
 * A workspace of its own per test: members amy..kim, and distributors top ← uma ← dan (each recruited by the
 * one before) plus eve, all approved. Balances and ledgers then read as the test's own numbers.
 */
async function world(slug: string, settings: Partial<DistributionSettings> = {}) {
  const ws = await createWorkspace(database, { name: slug, slug });
  const joined = new Date(Date.now() - 60 * DAY).toISOString();
  await ingestIntoGroups(database, ws, NAMES.map((n) => groupEvent(`j-${n}`, 'member.joined', 'g1', n, joined)), ['g1']);
  const found = await rows<{ id: string; name: string }>(database.db, sql`select id, display_name as name from members where workspace_id = ${ws.id}`);
  const m = Object.fromEntries(found.map((r) => [r.name, r.id])) as Record<string, string>;
  const tenant = <T>(fn: (ctx: TenantCtx) => Promise<T>) => withTenant(database, ws, system, fn);
  await tenant((ctx) => setDistributionSettings(ctx, { ...DEFAULT_DISTRIBUTION_SETTINGS, ...settings }));
  const code: Record<string, string> = {};
  const id: Record<string, string> = {};
  for (const [name, upline] of [['top', undefined], ['uma', 'top'], ['dan', 'uma'], ['eve', undefined]] as const) {
    const applied = await tenant((ctx) => applyAsDistributor(ctx, { memberId: m[name]!, uplineCode: upline && code[upline] }));
    const approved = await tenant((ctx) => approveDistributor(ctx, applied.id));
    code[name] = approved.code!;
    id[name] = approved.id;
  }
  const ingest = (events: unknown[]) => tenant((ctx) => ingestEvents(ctx, events));
  const order = (eventId: string, type: 'order.paid' | 'order.refunded', who: string, orderId: string, amountCents: number, at = new Date(), extra: Record<string, unknown> = {}) =>
    ({ id: eventId, type, occurredAt: at.toISOString(), member: webhookMember(who), data: { orderId, amountCents, ...extra } });
  const wallet = async (name: string) => (await one<{ frozen: number; available: number; withdrawing: number; withdrawn: number; owed: number }>(database.db, sql`
    select frozen_cents::float8 as frozen, available_cents::float8 as available, withdrawing_cents::float8 as withdrawing,
      withdrawn_cents::float8 as withdrawn, owed_cents::float8 as owed
    from distributors where workspace_id = ${ws.id} and id = ${id[name]!}`))!;
  const entries = (orderId?: string) => rows<{ who: string; tier: number; kind: string; amount: number; status: string }>(database.db, sql`
    select m.display_name as who, c.tier::int as tier, c.kind, c.amount_cents::float8 as amount, c.status
    from distribution_commissions c join distributors d on d.workspace_id = c.workspace_id and d.id = c.distributor_id
    join members m on m.workspace_id = d.workspace_id and m.id = d.member_id
    where c.workspace_id = ${ws.id} and (${orderId ?? null}::text is null or c.order_id = ${orderId ?? null}) order by c.created_at, c.tier, c.kind`);
  const boundTo = async (who: string) => (await one<{ name: string }>(database.db, sql`
    select m.display_name as name from distribution_bindings b join distributors d on d.workspace_id = b.workspace_id and d.id = b.distributor_id
    join members m on m.workspace_id = d.workspace_id and m.id = d.member_id
    where b.workspace_id = ${ws.id} and b.customer_member_id = ${m[who]!}`))?.name ?? null;
  return { ws, m, code, id, tenant, ingest, order, wallet, entries, boundTo };
}

describe('distributors', () => {
  it('recruiting alone pays nothing: a chain of approved distributors and bound customers earn 0 until someone buys', async () => {
    const w = await world('recruit');
    await w.ingest([groupEvent('j2-amy', 'member.joined', 'g2', 'amy', new Date().toISOString(), { referral: w.code.dan })]);
    expect(await w.boundTo('amy')).toBe('dan');
    expect(await w.entries()).toEqual([]);
    for (const name of ['top', 'uma', 'dan', 'eve']) expect(await w.wallet(name)).toEqual({ frozen: 0, available: 0, withdrawing: 0, withdrawn: 0, owed: 0 });
    // The first sale is what pays.
    await w.ingest([w.order('p-1', 'order.paid', 'amy', 'R-1', 10_000)]);
    expect((await w.entries()).map((e) => [e.who, e.amount])).toEqual([['dan', 1000], ['uma', 300]]);
  });

  it('an application is approved with a unique code, or rejected with a reason and may be made again', async () => {
    const w = await world('apply');
    const applied = await w.tenant((ctx) => applyAsDistributor(ctx, { memberId: w.m.kim!, uplineCode: w.code.eve }));
    expect(applied).toMatchObject({ status: 'pending', code: null, uplineName: 'eve' });
    const rejected = await w.tenant((ctx) => rejectDistributor(ctx, applied.id, 'no sales history'));
    expect(rejected).toMatchObject({ status: 'rejected', reason: 'no sales history', code: null });
    await expect(w.tenant((ctx) => approveDistributor(ctx, applied.id))).rejects.toThrow(/rejected/);
    const again = await w.tenant((ctx) => applyAsDistributor(ctx, { memberId: w.m.kim! }));
    expect(again).toMatchObject({ id: applied.id, status: 'pending', reason: null, uplineId: null });
    const approved = await w.tenant((ctx) => approveDistributor(ctx, applied.id));
    expect(approved.code).toMatch(/^[2-9A-HJKMNP-Z]{6}$/);
    expect(new Set(Object.values(w.code).concat(approved.code!)).size).toBe(5);
    const audit = await rows<{ action: string }>(database.db, sql`
      select action from audit_log where workspace_id = ${w.ws.id} and target_id = ${applied.id} order by at, action`);
    expect(audit.map((a) => a.action)).toEqual(['distribution.distributor_rejected', 'distribution.distributor_approved']);
    await expect(w.tenant((ctx) => applyAsDistributor(ctx, { memberId: w.m.bob!, uplineCode: 'NOPE42' }))).rejects.toThrow(/approved distributor/);
  });
});

describe('customer binding', () => {
  it('never binds a customer to themselves or to their own downline, at either tier', async () => {
    const w = await world('self');
    const bind = (who: string, by: string) => w.tenant((ctx) => bindCustomer(ctx, { customerMemberId: w.m[who]!, code: w.code[by]!, at: new Date() }));
    expect(await bind('dan', 'dan')).toMatchObject({ outcome: 'refused', reason: 'self' });
    expect(await bind('uma', 'dan')).toMatchObject({ outcome: 'refused', reason: 'downline' }); // uma recruited dan
    expect(await bind('top', 'dan')).toMatchObject({ outcome: 'refused', reason: 'downline' }); // top recruited uma, who recruited dan
    expect(await bind('top', 'uma')).toMatchObject({ outcome: 'refused', reason: 'downline' });
    for (const who of ['dan', 'uma', 'top']) expect(await w.boundTo(who)).toBeNull();
    // Through the events too: the buyer's own code on their order binds nothing and pays nothing.
    await w.ingest([w.order('p-self', 'order.paid', 'dan', 'S-1', 10_000, new Date(), { referral: w.code.dan })]);
    expect(await w.boundTo('dan')).toBeNull();
    expect(await w.entries()).toEqual([]);
    // Upwards is allowed: dan may buy through his own recruiter's code.
    expect(await bind('dan', 'uma')).toMatchObject({ outcome: 'bound' });
    expect(await w.tenant((ctx) => bindCustomer(ctx, { customerMemberId: w.m.amy!, code: 'ZZZZZZ', at: new Date() })))
      .toMatchObject({ outcome: 'refused', reason: 'unknown_code' });
  });

  it('first touch keeps the first distributor until the binding expires; latest touch switches', async () => {
    const w = await world('touch', { bindingRule: 'first_touch', bindingDays: 10 });
    const t0 = Date.now() - 40 * DAY;
    const bind = (who: string, by: string, days: number) => w.tenant((ctx) => bindCustomer(ctx, { customerMemberId: w.m[who]!, code: w.code[by]!, at: new Date(t0 + days * DAY) }));
    expect(await bind('bob', 'dan', 0)).toMatchObject({ outcome: 'bound' });
    expect(await bind('bob', 'eve', 5)).toMatchObject({ outcome: 'kept', reason: 'binding_active' });
    expect(await w.boundTo('bob')).toBe('dan');
    expect(await bind('bob', 'eve', 9.99)).toMatchObject({ outcome: 'kept' });
    expect(await bind('bob', 'eve', 10.01)).toMatchObject({ outcome: 'bound' });
    expect(await w.boundTo('bob')).toBe('eve');

    await w.tenant((ctx) => setDistributionSettings(ctx, { ...DEFAULT_DISTRIBUTION_SETTINGS, bindingRule: 'latest_touch' }));
    expect(await bind('cat', 'dan', 0)).toMatchObject({ outcome: 'bound' });
    expect(await bind('cat', 'eve', 1)).toMatchObject({ outcome: 'bound' });
    expect(await w.boundTo('cat')).toBe('eve');
    // A touch older than the binding, arriving late, does not win.
    expect(await bind('cat', 'dan', 0.5)).toMatchObject({ outcome: 'kept', reason: 'older_touch' });
    expect(await w.boundTo('cat')).toBe('eve');
    expect(await bind('cat', 'dan', 2)).toMatchObject({ outcome: 'bound' });
    expect(await w.boundTo('cat')).toBe('dan');
  });

  it('an order pays the distributor its buyer was bound to when it was paid', async () => {
    const w = await world('when', { bindingRule: 'first_touch', bindingDays: 10 });
    await w.tenant((ctx) => bindCustomer(ctx, { customerMemberId: w.m.amy!, code: w.code.eve!, at: new Date(Date.now() - 20 * DAY) }));
    await w.ingest([w.order('p-late', 'order.paid', 'amy', 'L-1', 10_000)]); // the binding expired 10 days ago
    expect(await w.entries()).toEqual([]);
  });
});

describe('commission', () => {
  it('pays two tiers only, at the configured rates, rounded down to the cent, once per order', async () => {
    const w = await world('tiers', { tier1Bps: 1234, tier2Bps: 567 });
    await w.tenant((ctx) => bindCustomer(ctx, { customerMemberId: w.m.amy!, code: w.code.dan!, at: new Date(Date.now() - DAY) }));
    await w.ingest([w.order('p-1', 'order.paid', 'amy', 'A-1', 12_990)]);
    // 12990 × 12.34 % = 1602.966 → 1602; 12990 × 5.67 % = 736.533 → 736; top (dan's tier 3) gets nothing.
    expect(await w.entries('A-1')).toEqual([
      { who: 'dan', tier: 1, kind: 'commission', amount: 1602, status: 'frozen' },
      { who: 'uma', tier: 2, kind: 'commission', amount: 736, status: 'frozen' },
    ]);
    expect(await w.wallet('top')).toMatchObject({ frozen: 0, available: 0 });
    // The same order reported again (a second event) pays nothing more.
    await w.ingest([w.order('p-1-again', 'order.paid', 'amy', 'A-1', 12_990)]);
    expect(await w.entries('A-1')).toHaveLength(2);
    expect(await w.wallet('dan')).toMatchObject({ frozen: 1602, available: 0 });
    // A customer of top (no upline) earns top tier 1 only; a referral code on the order binds first.
    await w.ingest([w.order('p-2', 'order.paid', 'bob', 'B-1', 999, new Date(), { referral: w.code.top })]);
    expect((await w.entries('B-1')).map((e) => [e.who, e.tier, e.amount])).toEqual([['top', 1, 123]]);
    // 5 cents at 5.67 % rounds to 0: no entry at all.
    await w.ingest([w.order('p-3', 'order.paid', 'amy', 'C-1', 5)]);
    expect(await w.entries('C-1')).toEqual([]);
  });

  it('a refund reverses the refunded share, partial refunds add up to the whole and never beyond, once per refund event', async () => {
    const w = await world('refund');
    await w.tenant((ctx) => bindCustomer(ctx, { customerMemberId: w.m.amy!, code: w.code.dan!, at: new Date(Date.now() - DAY) }));
    await w.ingest([w.order('p-1', 'order.paid', 'amy', 'A-1', 10_000)]); // dan 1000, uma 300
    await w.ingest([w.order('r-1', 'order.refunded', 'amy', 'A-1', 3_333)]); // floor(1000 × .3333) = 333, floor(300 × .3333) = 99
    expect(await w.wallet('dan')).toMatchObject({ frozen: 667, available: 0 });
    expect(await w.wallet('uma')).toMatchObject({ frozen: 201 });
    await w.ingest([w.order('r-1', 'order.refunded', 'amy', 'A-1', 3_333)]); // the same event replayed
    await w.tenant(async (ctx) => { // and handed straight to the verb as the orders code would
      const { reverseOrderCommission } = await import('./reverse-order-commission.js');
      expect(await reverseOrderCommission(ctx, { eventId: 'r-1', orderId: 'A-1', refundCents: 3_333 })).toBeNull();
    });
    expect(await w.wallet('dan')).toMatchObject({ frozen: 667 });
    await w.ingest([w.order('r-2', 'order.refunded', 'amy', 'A-1', 6_667), w.order('r-3', 'order.refunded', 'amy', 'A-1', 5_000)]);
    expect(await w.wallet('dan')).toMatchObject({ frozen: 0, available: 0 });
    expect(await w.wallet('uma')).toMatchObject({ frozen: 0, available: 0 });
    expect((await w.entries('A-1')).filter((e) => e.who === 'dan').map((e) => e.amount)).toEqual([1000, -333, -667]);
    const reversed = await rows<{ reversed: number }>(database.db, sql`
      select reversed_cents::float8 as reversed from distribution_commissions where workspace_id = ${w.ws.id} and kind = 'commission' order by tier`);
    expect(reversed.map((r) => r.reversed)).toEqual([1000, 300]);
    // The frozen reversals are released together with what they reverse: nothing becomes available.
    await runCommissionRelease(database, 500, new Date(Date.now() + 8 * DAY));
    expect(await w.wallet('dan')).toMatchObject({ frozen: 0, available: 0 });
  });

  it('a refund after release takes the commission back from the available balance, and what was withdrawn is owed', async () => {
    const w = await world('after', { minWithdrawalCents: 100 });
    await w.tenant((ctx) => bindCustomer(ctx, { customerMemberId: w.m.amy!, code: w.code.dan!, at: new Date(Date.now() - 30 * DAY) }));
    await w.ingest([w.order('p-1', 'order.paid', 'amy', 'A-1', 10_000, new Date(Date.now() - 10 * DAY))]);
    await runCommissionRelease(database);
    expect(await w.wallet('dan')).toMatchObject({ frozen: 0, available: 1000 });
    await w.ingest([w.order('r-1', 'order.refunded', 'amy', 'A-1', 5_000)]);
    expect(await w.wallet('dan')).toMatchObject({ frozen: 0, available: 500, owed: 0 });
    expect((await w.entries('A-1')).filter((e) => e.who === 'dan')).toEqual([
      { who: 'dan', tier: 1, kind: 'commission', amount: 1000, status: 'available' },
      { who: 'dan', tier: 1, kind: 'reversal', amount: -500, status: 'available' },
    ]);
    await w.ingest([w.order('r-1', 'order.refunded', 'amy', 'A-1', 5_000)]);
    expect(await w.wallet('dan')).toMatchObject({ available: 500 });
    // dan withdraws 400; the rest of the order is refunded: 100 comes from the balance, 400 is owed.
    await w.tenant((ctx) => requestWithdrawal(ctx, w.id.dan!, { amountCents: 400, idempotencyKey: 'dan-w-0001' }));
    await w.ingest([w.order('r-2', 'order.refunded', 'amy', 'A-1', 5_000)]);
    expect(await w.wallet('dan')).toMatchObject({ available: 0, withdrawing: 400, owed: 400 });
    // The next commission released pays what is owed first.
    await w.ingest([w.order('p-2', 'order.paid', 'amy', 'A-2', 6_000, new Date(Date.now() - 9 * DAY))]);
    await runCommissionRelease(database);
    expect(await w.wallet('dan')).toMatchObject({ available: 200, owed: 0 });
  });

  it('frozen commission becomes available after the window exactly once, even when the job runs twice at once', async () => {
    const w = await world('release', { refundWindowDays: 7 });
    await w.tenant((ctx) => bindCustomer(ctx, { customerMemberId: w.m.amy!, code: w.code.dan!, at: new Date(Date.now() - DAY) }));
    await w.ingest([w.order('p-1', 'order.paid', 'amy', 'A-1', 10_000)]);
    await runCommissionRelease(database, 500, new Date(Date.now() + 6 * DAY));
    expect(await w.wallet('dan')).toMatchObject({ frozen: 1000, available: 0 });
    const later = new Date(Date.now() + 8 * DAY);
    // Other tests' workspaces share the database, so the runs' totals are not this test's: the wallets and entries are.
    await Promise.all([runCommissionRelease(database, 500, later), runCommissionRelease(database, 500, later)]);
    expect(await w.wallet('dan')).toMatchObject({ frozen: 0, available: 1000 });
    expect(await w.wallet('uma')).toMatchObject({ frozen: 0, available: 300 });
    await runCommissionRelease(database, 500, later);
    expect(await w.wallet('dan')).toMatchObject({ frozen: 0, available: 1000 });
    const releasedAt = await rows<{ n: number }>(database.db, sql`
      select count(*)::int as n from distribution_commissions where workspace_id = ${w.ws.id} and released_at is not null`);
    expect(releasedAt[0]!.n).toBe(2);
    expect((await w.entries('A-1')).map((e) => e.status)).toEqual(['available', 'available']);
  });
});

describe('withdrawals', () => {
  it('concurrent withdrawals never take more than the available balance', async () => {
    const w = await world('withdraw', { minWithdrawalCents: 100 });
    await w.tenant((ctx) => bindCustomer(ctx, { customerMemberId: w.m.amy!, code: w.code.dan!, at: new Date(Date.now() - 30 * DAY) }));
    await w.ingest([w.order('p-1', 'order.paid', 'amy', 'A-1', 10_000, new Date(Date.now() - 10 * DAY))]);
    await runCommissionRelease(database);
    expect(await w.wallet('dan')).toMatchObject({ available: 1000 });
    const results = await Promise.allSettled(Array.from({ length: 6 }, (_, i) =>
      w.tenant((ctx) => requestWithdrawal(ctx, w.id.dan!, { amountCents: 300, idempotencyKey: `dan-withdraw-${i}` }))));
    const ok = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(ok).toHaveLength(3);
    expect(refused.every((r) => r.reason instanceof AppError && r.reason.code === 'conflict')).toBe(true);
    expect(await w.wallet('dan')).toMatchObject({ available: 100, withdrawing: 900 });
    // A retry with the same key asks once; below the minimum is refused.
    const first = (ok[0] as PromiseFulfilledResult<{ id: string; amountCents: number }>).value;
    const key = (await one<{ key: string }>(database.db, sql`select idempotency_key as key from distribution_withdrawals where id = ${first.id}`))!.key;
    expect((await w.tenant((ctx) => requestWithdrawal(ctx, w.id.dan!, { amountCents: 300, idempotencyKey: key }))).id).toBe(first.id);
    await expect(w.tenant((ctx) => requestWithdrawal(ctx, w.id.dan!, { amountCents: 99, idempotencyKey: 'dan-too-small' }))).rejects.toThrow(/at least 100/);
    // Paid leaves for good; rejected comes back; settling twice changes nothing.
    const [a, b] = ok.map((r) => (r as PromiseFulfilledResult<{ id: string }>).value.id);
    await w.tenant((ctx) => decideWithdrawal(ctx, a!, 'paid'));
    await w.tenant((ctx) => decideWithdrawal(ctx, a!, 'paid'));
    await w.tenant((ctx) => decideWithdrawal(ctx, b!, 'rejected', 'wrong account'));
    await expect(w.tenant((ctx) => decideWithdrawal(ctx, b!, 'paid'))).rejects.toThrow(/rejected already/);
    expect(await w.wallet('dan')).toMatchObject({ available: 400, withdrawing: 300, withdrawn: 300 });
    const total = await one<{ n: number }>(database.db, sql`
      select coalesce(sum(amount_cents), 0)::float8 as n from distribution_withdrawals where workspace_id = ${w.ws.id} and status <> 'rejected'`);
    expect(total!.n).toBe(600);
  });
});
