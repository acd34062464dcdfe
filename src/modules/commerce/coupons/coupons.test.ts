import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestDatabase } from '../../../../test/helpers/database.js';
import { as, loginAs, makeWorkspace, testApp } from '../../../../test/helpers/app.js';
import { groupEvent, ingestIntoGroups } from '../../../../test/helpers/events.js';
import { rows, sql } from '../../../db/client.js';
import { withTenant, type WorkspaceRef } from '../../../core/context.js';
import { AppError } from '../../../core/errors.js';
import { claimCoupon } from './claim-coupon.js';
import { discountFor, type CouponTerms } from './discount.js';
import { quoteCoupon } from './quote-coupon.js';
import { redeemCoupon, type RedeemInput } from './redeem-coupon.js';
import { releaseCoupon } from './release-coupon.js';
import { memberLink } from '../../member-pages/member-links.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let app: FastifyInstance;
let ws: WorkspaceRef;
let op: ReturnType<typeof as>;
let analyst: ReturnType<typeof as>;
let stranger: ReturnType<typeof as>;
const m: Record<string, string> = {};
const system = { kind: 'system' as const, name: 'test' };
const DAY = 86_400_000;
const fieldOf = (res: { json: () => any }) => res.json().error.fields?.[0]?.path ?? res.json().error.message;
const inTenant = <T>(fn: Parameters<typeof withTenant<T>>[3]) => withTenant(database, ws, system, fn);
/** The field a verb refused on, or 'ok'. */
const refusal = async (p: Promise<unknown>) => p.then(() => 'ok', (e: unknown) => {
  if (e instanceof AppError) return `${e.status} ${e.fields[0]?.path ?? e.message}`;
  throw e;
});
const coupon = (over: Record<string, unknown> = {}) => ({ name: '新人券', kind: 'no_threshold', amountOffCents: 500, validDays: 7, totalLimit: null, perMemberLimit: null, ...over });
const create = async (over: Record<string, unknown> = {}) => {
  const res = await op.post('/api/v1/coupons', coupon(over));
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
};
const grant = (id: string, who: string, key: string) => op.post(`/api/v1/coupons/${id}/claims`, { memberId: m[who], idempotencyKey: key });
const redeem = (input: Partial<RedeemInput> & { claimId: string; memberId: string }, now?: Date) =>
  inTenant((ctx) => redeemCoupon(ctx, { orderId: randomUUID(), subtotalCents: 10_000, idempotencyKey: randomUUID(), ...input }, now));

beforeAll(async () => {
  database = await createTestDatabase();
  app = await testApp(database);
  ws = await makeWorkspace(database, 'coupons', [{ email: 'op@c.test', role: 'operator' }, { email: 'an@c.test', role: 'analyst' }]);
  await makeWorkspace(database, 'coupons-other', [{ email: 'op@other.test', role: 'operator' }]);
  op = as(app, await loginAs(app, 'op@c.test'));
  analyst = as(app, await loginAs(app, 'an@c.test'));
  stranger = as(app, await loginAs(app, 'op@other.test'));
  const names = Array.from({ length: 10 }, (_, i) => `m${i}`);
  await ingestIntoGroups(database, ws, names.map((n) => groupEvent(`j-${n}`, 'member.joined', 'g', n, new Date().toISOString())), ['g']);
  for (const r of await rows<{ id: string; name: string }>(database.db, sql`select id, display_name as name from members where workspace_id = ${ws.id}`)) m[r.name] = r.id;
});
afterAll(async () => { await app.close(); await database.drop(); });

describe('coupon templates', () => {
  it('validates each kind with the field named', async () => {
    const bad = async (over: Record<string, unknown>) => {
      const res = await op.post('/api/v1/coupons', coupon(over));
      expect(res.statusCode).toBe(400);
      return fieldOf(res);
    };
    expect(await bad({ kind: 'cash' })).toBe('kind');
    expect(await bad({ kind: 'percentage', amountOffCents: null })).toBe('percentOff');
    expect(await bad({ kind: 'percentage', amountOffCents: null, percentOff: 100 })).toBe('percentOff');
    expect(await bad({ kind: 'fixed', amountOffCents: null })).toBe('amountOffCents');
    expect(await bad({ kind: 'fixed', maxDiscountCents: 100 })).toBe('maxDiscountCents');
    expect(await bad({ kind: 'threshold' })).toBe('minSpendCents');
    expect(await bad({ kind: 'threshold', minSpendCents: 400 })).toBe('amountOffCents');
    expect(await bad({ kind: 'no_threshold', minSpendCents: 100 })).toBe('minSpendCents');
    expect(await bad({ validDays: null })).toBe('validFrom');
    expect(await bad({ validDays: null, validFrom: '2026-12-02T00:00:00Z', validUntil: '2026-12-01T00:00:00Z' })).toBe('validUntil');
    expect(await bad({ validFrom: '2026-12-01T00:00:00Z' })).toBe('validFrom');
    expect(await bad({ totalLimit: -1 })).toBe('totalLimit');
    expect((await analyst.post('/api/v1/coupons', coupon())).statusCode).toBe(403);
  });

  it('edits keep the total limit above the units claimed; a coupon with claims is switched off, not deleted', async () => {
    const id = await create({ totalLimit: 5 });
    for (const who of ['m0', 'm1']) expect((await grant(id, who, `edit-${who}-0001`)).statusCode).toBe(200);
    const lower = await op.put(`/api/v1/coupons/${id}`, coupon({ totalLimit: 1 }));
    expect([lower.statusCode, fieldOf(lower)]).toEqual([409, 'totalLimit']);
    const edited = await op.put(`/api/v1/coupons/${id}`, coupon({ name: '改名', totalLimit: 2 }));
    expect(edited.json()).toMatchObject({ name: '改名', totalLimit: 2, claimed: 2, used: 0, left: 0 });
    const refused = await op.delete(`/api/v1/coupons/${id}`);
    expect([refused.statusCode, fieldOf(refused)]).toEqual([409, 'enabled']);
    const unused = await create();
    expect((await op.delete(`/api/v1/coupons/${unused}`)).statusCode).toBe(200);
    expect((await op.get(`/api/v1/coupons/${unused}`)).statusCode).toBe(404);
    const off = await op.put(`/api/v1/coupons/${id}`, coupon({ totalLimit: 10, enabled: false }));
    expect(off.json().enabled).toBe(false);
    const closed = await grant(id, 'm2', 'edit-m2-0001');
    expect([closed.statusCode, fieldOf(closed)]).toEqual([409, 'couponId']);
    const page = (await analyst.get('/api/v1/coupons?enabled=false&pageSize=50')).json();
    expect(page.items.map((c: { id: string }) => c.id)).toContain(id);
  });
});

describe('claims', () => {
  it('50 concurrent claims by 10 members never pass the total of 20 or 3 per member', async () => {
    const id = await create({ totalLimit: 20, perMemberLimit: 3 });
    const names = Object.keys(m);
    const attempts = names.flatMap((n) => Array.from({ length: 5 }, (_, i) => ({ n, key: `rush-${n}-${i}-0001` })));
    const results = await Promise.all(attempts.map((a) => grant(id, a.n, a.key)));
    const ok = results.filter((r) => r.statusCode === 200).map((r) => r.json());
    expect(ok).toHaveLength(20);
    expect(results.filter((r) => r.statusCode !== 200).every((r) => r.statusCode === 409 && ['couponId', 'memberId'].includes(fieldOf(r)))).toBe(true);
    const perMember = await rows<{ n: number }>(database.db, sql`select count(*)::int as n from coupon_claims where coupon_id = ${id} group by member_id`);
    expect(Math.max(...perMember.map((r) => r.n))).toBeLessThanOrEqual(3);
    expect(perMember.reduce((s, r) => s + r.n, 0)).toBe(20);
    expect((await op.get(`/api/v1/coupons/${id}`)).json()).toMatchObject({ claimed: 20, left: 0, used: 0 });
    expect(new Set(ok.map((c) => c.code)).size).toBe(20);
  });

  it('one member claiming at once is held to the per-member limit even with no total', async () => {
    const id = await create({ perMemberLimit: 2 });
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => grant(id, 'm4', `solo-m4-${i}-0001`)));
    expect(results.filter((r) => r.statusCode === 200)).toHaveLength(2);
    expect(results.filter((r) => r.statusCode === 409).every((r) => fieldOf(r) === 'memberId')).toBe(true);
    expect((await op.get(`/api/v1/coupons/${id}`)).json()).toMatchObject({ claimed: 2, left: null });
  });

  it('a replayed claim, even at the same moment, is one claim', async () => {
    const id = await create({ totalLimit: 10 });
    const [a, b] = await Promise.all([grant(id, 'm5', 'replay-m5-0001'), grant(id, 'm5', 'replay-m5-0001')]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    expect(a.json().id).toBe(b.json().id);
    expect([a.json().created, b.json().created].sort()).toEqual([false, true]);
    const again = await grant(id, 'm5', 'replay-m5-0001');
    expect([again.json().id, again.json().created]).toEqual([a.json().id, false]);
    expect((await op.get(`/api/v1/coupons/${id}`)).json().claimed).toBe(1);
  });

  it('a claim from a message records its source and no staff member', async () => {
    const id = await create({ perMemberLimit: 1 });
    const c = await inTenant((ctx) => claimCoupon(ctx, id, { memberId: m.m7!, idempotencyKey: 'welcome-m7-0001', source: 'message' }));
    expect([c.created, c.source, c.state]).toEqual([true, 'message', 'active']);
    const second = await refusal(inTenant((ctx) => claimCoupon(ctx, id, { memberId: m.m7!, idempotencyKey: 'welcome-m7-0002', source: 'message' })));
    expect(second).toBe('409 memberId');
    const row = await rows<{ grantedBy: string | null }>(database.db, sql`select granted_by as "grantedBy" from coupon_claims where id = ${c.id}`);
    expect(row[0]!.grantedBy).toBeNull();
  });

  it('a coupon past its window cannot be claimed; a window from claim runs validDays', async () => {
    const over = await create({ validDays: null, validFrom: '2026-01-01T00:00:00Z', validUntil: '2026-01-31T00:00:00Z' });
    const late = await grant(over, 'm1', 'late-m1-0001');
    expect([late.statusCode, fieldOf(late)]).toEqual([409, 'validUntil']);
    const rel = await create({ validDays: 3 });
    const c = (await grant(rel, 'm1', 'rel-m1-0001')).json();
    expect(new Date(c.validUntil).getTime() - new Date(c.validFrom).getTime()).toBe(3 * DAY);
    expect(c).toMatchObject({ status: 'claimed', state: 'active', source: 'operator', kind: 'no_threshold', amountOffCents: 500 });
    const missing = await op.post(`/api/v1/coupons/${rel}/claims`, { memberId: randomUUID(), idempotencyKey: 'ghost-0001' });
    expect(missing.statusCode).toBe(404);
  });
});

describe('discount math', () => {
  const t = (over: Partial<CouponTerms>): CouponTerms => ({ kind: 'fixed', amountOffCents: null, percentOff: null, maxDiscountCents: null, minSpendCents: 0, ...over });
  it('amounts, percentages rounded down, caps, and never more than the subtotal', () => {
    expect(discountFor(t({ amountOffCents: 500 }), 10_000)).toBe(500);
    expect(discountFor(t({ amountOffCents: 500 }), 300)).toBe(300);
    expect(discountFor(t({ kind: 'threshold', amountOffCents: 2000, minSpendCents: 10_000 }), 12_345)).toBe(2000);
    expect(discountFor(t({ kind: 'percentage', percentOff: 15 }), 999)).toBe(149); // 149.85 rounds down
    expect(discountFor(t({ kind: 'percentage', percentOff: 20, maxDiscountCents: 1500 }), 10_000)).toBe(1500);
    expect(discountFor(t({ kind: 'percentage', percentOff: 20, maxDiscountCents: 1500 }), 5000)).toBe(1000);
    expect(discountFor(t({ kind: 'percentage', percentOff: 99 }), 1)).toBe(0);
    expect(discountFor(t({ kind: 'no_threshold', amountOffCents: 500 }), 0)).toBe(0);
  });

  it('threshold and percentage coupons quote and redeem with their minimum and cap', async () => {
    const threshold = await create({ kind: 'threshold', minSpendCents: 10_000, amountOffCents: 2000 });
    const tc = (await grant(threshold, 'm2', 'thr-m2-0001')).json();
    const under = await refusal(inTenant((ctx) => quoteCoupon(ctx, { claimId: tc.id, memberId: m.m2!, subtotalCents: 9999 })));
    expect(under).toBe('409 subtotalCents');
    expect(await refusal(redeem({ claimId: tc.id, memberId: m.m2!, subtotalCents: 9999 }))).toBe('409 subtotalCents');
    expect(await inTenant((ctx) => quoteCoupon(ctx, { claimId: tc.id, memberId: m.m2!, subtotalCents: 10_000 })))
      .toMatchObject({ discountCents: 2000, payableCents: 8000 });
    const pct = await create({ kind: 'percentage', amountOffCents: null, percentOff: 30, maxDiscountCents: 2500, minSpendCents: 1000 });
    const pc = (await grant(pct, 'm2', 'pct-m2-0001')).json();
    expect((await redeem({ claimId: pc.id, memberId: m.m2!, subtotalCents: 12_000 })).discountCents).toBe(2500);
    const pc2 = (await grant(pct, 'm2', 'pct-m2-0002')).json();
    expect((await redeem({ claimId: pc2.id, memberId: m.m2!, subtotalCents: 3333 })).discountCents).toBe(999);
  });
});

describe('redeeming for an order', () => {
  it('one claim is used by one order only, even when two orders try at once', async () => {
    const id = await create();
    const c = (await grant(id, 'm3', 'race-m3-0001')).json();
    const results = await Promise.all([1, 2].map(() => refusal(redeem({ claimId: c.id, memberId: m.m3! }))));
    expect(results.sort()).toEqual(['409 claimId', 'ok']);
    const n = await rows<{ n: number }>(database.db, sql`select count(*)::int as n from coupon_redemptions where claim_id = ${c.id}`);
    expect(n[0]!.n).toBe(1);
    expect((await op.get(`/api/v1/coupons/${id}`)).json()).toMatchObject({ claimed: 1, used: 1 });
  });

  it('at most one coupon per order; the refused claim stays the member\'s', async () => {
    const id = await create({ perMemberLimit: 5 });
    const a = (await grant(id, 'm6', 'per-order-a-0001')).json();
    const b = (await grant(id, 'm6', 'per-order-b-0001')).json();
    const orderId = randomUUID();
    const results = await Promise.all([a, b].map((c) => refusal(redeem({ claimId: c.id, memberId: m.m6!, orderId }))));
    expect(results.sort()).toEqual(['409 orderId', 'ok']);
    const states = (await op.get(`/api/v1/coupon-claims?memberId=${m.m6}&couponId=${id}`)).json().items.map((x: { state: string }) => x.state).sort();
    expect(states).toEqual(['active', 'used']);
  });

  it('a replayed redemption answers the first; another member\'s claim is not found', async () => {
    const id = await create({ amountOffCents: 700 });
    const c = (await grant(id, 'm7', 'replay-redeem-0001')).json();
    const input = { claimId: c.id, memberId: m.m7!, orderId: randomUUID(), subtotalCents: 5000, idempotencyKey: 'order-7-coupon' };
    const first = await inTenant((ctx) => redeemCoupon(ctx, input));
    const again = await inTenant((ctx) => redeemCoupon(ctx, input));
    expect([first.created, again.created, again.redemptionId, again.discountCents]).toEqual([true, false, first.redemptionId, 700]);
    expect(await refusal(redeem({ claimId: c.id, memberId: m.m8! }))).toBe('404 coupon claim not found');
  });

  it('a claim not valid yet or expired is refused with 409 naming the field', async () => {
    const soon = await create({ validDays: null, validFrom: new Date(Date.now() + DAY).toISOString(), validUntil: new Date(Date.now() + 5 * DAY).toISOString() });
    const s = (await grant(soon, 'm8', 'soon-m8-0001')).json();
    expect(s.state).toBe('active');
    expect(await refusal(redeem({ claimId: s.id, memberId: m.m8! }))).toBe('409 validFrom');
    expect(await refusal(redeem({ claimId: s.id, memberId: m.m8! }, new Date(Date.now() + 6 * DAY)))).toBe('409 validUntil');
    expect(await refusal(redeem({ claimId: s.id, memberId: m.m8! }, new Date(Date.now() + 2 * DAY)))).toBe('ok');
    const week = await create({ validDays: 1 });
    const w = (await grant(week, 'm8', 'week-m8-0001')).json();
    expect(await refusal(inTenant((ctx) => quoteCoupon(ctx, { claimId: w.id, memberId: m.m8!, subtotalCents: 100 }, new Date(Date.now() + 2 * DAY))))).toBe('409 validUntil');
    // A claim past its end reads as expired in the member's list.
    await database.db.execute(sql`update coupon_claims set valid_from = now() - interval '2 days', valid_until = now() - interval '1 day' where id = ${w.id}`);
    const expired = (await op.get(`/api/v1/coupon-claims?memberId=${m.m8}&state=expired`)).json();
    expect(expired.items.map((x: { id: string }) => x.id)).toEqual([w.id]);
    expect(await refusal(redeem({ claimId: w.id, memberId: m.m8! }))).toBe('409 validUntil');
  });
});

describe('releasing', () => {
  it('a cancelled order returns the coupon once, per the rule; a refund does not', async () => {
    const id = await create({ perMemberLimit: 5 });
    const c = (await grant(id, 'm9', 'release-m9-0001')).json();
    const orderId = randomUUID();
    await redeem({ claimId: c.id, memberId: m.m9!, orderId });
    const first = await inTenant((ctx) => releaseCoupon(ctx, { orderId, reason: 'cancelled' }));
    const second = await inTenant((ctx) => releaseCoupon(ctx, { orderId, reason: 'cancelled' }));
    expect(first).toEqual({ orderId, claimId: c.id, returned: true, released: true });
    expect(second).toEqual({ orderId, claimId: c.id, returned: true, released: false });
    // Back in the member's hands once: a second order can use it, and the cancelled order cannot again.
    expect(await refusal(redeem({ claimId: c.id, memberId: m.m9!, orderId }))).toBe('409 orderId');
    const next = randomUUID();
    expect(await refusal(redeem({ claimId: c.id, memberId: m.m9!, orderId: next }))).toBe('ok');
    expect(await refusal(redeem({ claimId: c.id, memberId: m.m9! }))).toBe('409 claimId');
    // A refund after payment releases the order's coupon but keeps it spent.
    expect(await inTenant((ctx) => releaseCoupon(ctx, { orderId: next, reason: 'refunded' }))).toEqual({ orderId: next, claimId: c.id, returned: false, released: true });
    expect((await op.get(`/api/v1/coupon-claims?memberId=${m.m9}&couponId=${id}`)).json().items[0].state).toBe('used');
    // An order without a coupon has nothing to release.
    const none = randomUUID();
    expect(await inTenant((ctx) => releaseCoupon(ctx, { orderId: none, reason: 'cancelled' }))).toEqual({ orderId: none, claimId: null, returned: false, released: false });
  });

  it('no return when the rule says so or the claim has expired meanwhile', async () => {
    const kept = await create({ returnOnCancel: false });
    const k = (await grant(kept, 'm9', 'kept-m9-0001')).json();
    const o1 = randomUUID();
    await redeem({ claimId: k.id, memberId: m.m9!, orderId: o1 });
    expect((await inTenant((ctx) => releaseCoupon(ctx, { orderId: o1, reason: 'cancelled' }))).returned).toBe(false);
    const short = await create({ validDays: 1 });
    const s = (await grant(short, 'm9', 'short-m9-0001')).json();
    const o2 = randomUUID();
    await redeem({ claimId: s.id, memberId: m.m9!, orderId: o2 });
    expect((await inTenant((ctx) => releaseCoupon(ctx, { orderId: o2, reason: 'cancelled' }, new Date(Date.now() + 2 * DAY)))).returned).toBe(false);
    const states = await rows<{ status: string }>(database.db, sql`select status from coupon_claims where id in (${k.id}, ${s.id})`);
    expect(states.map((r) => r.status)).toEqual(['used', 'used']);
  });
});

describe('lists and isolation', () => {
  it('claims are listed per coupon with pages, and per member by state', async () => {
    const id = await create();
    for (const who of ['m0', 'm1', 'm2']) await grant(id, who, `list-${who}-0001`);
    const page = (await analyst.get(`/api/v1/coupons/${id}/claims?pageSize=2`)).json();
    expect([page.total, page.items.length]).toEqual([3, 2]);
    const p2 = (await analyst.get(`/api/v1/coupons/${id}/claims?pageSize=2&page=2`)).json();
    expect(p2.items).toHaveLength(1);
    const active = (await analyst.get(`/api/v1/coupon-claims?memberId=${m.m0}&state=active`)).json();
    expect(active.items.every((x: { memberId: string; state: string }) => x.memberId === m.m0 && x.state === 'active')).toBe(true);
  });

  it('a member sees only their own coupons on their pages, by state', async () => {
    const id = await create({ name: '会员券', perMemberLimit: 3 });
    const mine = [(await grant(id, 'm3', 'mine-m3-0001')).json(), (await grant(id, 'm3', 'mine-m3-0002')).json()];
    await grant(id, 'm4', 'theirs-m4-0001');
    await redeem({ claimId: mine[0].id, memberId: m.m3! });
    const token = (await inTenant((ctx) => memberLink(ctx, m.m3!, { baseUrl: 'https://shequn.example.com' }))).token;
    const get = (url: string) => app.inject({ method: 'GET', url, headers: { authorization: `Member ${token}` } });
    const all = (await get('/api/m/coupons?pageSize=100')).json();
    const ours = all.items.filter((x: { couponName: string }) => x.couponName === '会员券');
    expect(ours.map((x: { id: string; state: string }) => [x.id, x.state]).sort()).toEqual([[mine[0].id, 'used'], [mine[1].id, 'active']].sort());
    expect(all.items[0]).not.toHaveProperty('memberId');
    expect(all.items[0]).toHaveProperty('code');
    const used = (await get('/api/m/coupons?state=used&pageSize=100')).json();
    expect(used.items.every((x: { state: string }) => x.state === 'used')).toBe(true);
    expect(used.items.map((x: { id: string }) => x.id)).toContain(mine[0].id);
    expect((await app.inject({ method: 'GET', url: '/api/m/coupons' })).statusCode).toBe(401);
    expect((await op.get('/api/m/coupons')).statusCode).toBe(401);
  });

  it('another workspace\'s coupons and claims are not found', async () => {
    const id = await create({ name: '私有' });
    await grant(id, 'm0', 'private-m0-0001');
    expect((await stranger.get(`/api/v1/coupons/${id}`)).statusCode).toBe(404);
    expect((await stranger.put(`/api/v1/coupons/${id}`, {})).statusCode).toBe(404);
    expect((await stranger.delete(`/api/v1/coupons/${id}`)).statusCode).toBe(404);
    expect((await stranger.post(`/api/v1/coupons/${id}/claims`, {})).statusCode).toBe(404);
    expect((await stranger.get(`/api/v1/coupons/${id}/claims`)).statusCode).toBe(404);
    expect((await stranger.get('/api/v1/coupon-claims')).json().total).toBe(0);
    expect((await stranger.get('/api/v1/coupons')).json().total).toBe(0);
  });
});
