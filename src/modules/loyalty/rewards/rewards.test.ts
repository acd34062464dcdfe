import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestDatabase } from '../../../../test/helpers/database.js';
import { as, loginAs, makeWorkspace, testApp } from '../../../../test/helpers/app.js';
import { groupEvent } from '../../../../test/helpers/events.js';
import { one, rows, sql } from '../../../db/client.js';
import { withTenant, type WorkspaceRef } from '../../../core/context.js';
import { ingestEvents } from '../../tracking/ingest-events.js';
import { earnPoints } from '../points/earn-points.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let app: FastifyInstance;
let ws: WorkspaceRef;
let op: ReturnType<typeof as>;
let stranger: ReturnType<typeof as>;
const m: Record<string, string> = {};
const system = { kind: 'system' as const, name: 'test' };
const fieldOf = (res: { json: () => any }) => res.json().error.fields?.[0]?.path ?? res.json().error.message;
const balance = async (memberId: string) => (await one<{ b: number }>(database.db, sql`select balance as b from points_accounts where member_id = ${memberId}`))?.b ?? 0;
const reward = (over: Record<string, unknown> = {}) => ({ name: '帆布袋', kind: 'physical', costPoints: 50, stock: 3, perMemberLimit: null, ...over });

beforeAll(async () => {
  database = await createTestDatabase();
  app = await testApp(database);
  ws = await makeWorkspace(database, 'rewards-api', [{ email: 'op@r.test', role: 'operator' }]);
  await makeWorkspace(database, 'rewards-other', [{ email: 'op@other.test', role: 'operator' }]);
  op = as(app, await loginAs(app, 'op@r.test'));
  stranger = as(app, await loginAs(app, 'op@other.test'));
  const names = Array.from({ length: 10 }, (_, i) => `m${i}`);
  await withTenant(database, ws, system, (ctx) => ingestEvents(ctx, names.map((n) => groupEvent(`j-${n}`, 'member.joined', 'g', n, new Date().toISOString()))));
  for (const r of await rows<{ id: string; name: string }>(database.db, sql`select id, display_name as name from members where workspace_id = ${ws.id}`)) m[r.name] = r.id;
  await withTenant(database, ws, system, async (ctx) => {
    for (const n of names) await earnPoints(ctx, { memberId: m[n]!, amount: 120, reason: 'adjustment', idempotencyKey: `seed-${n}` });
  });
});
afterAll(async () => { await app.close(); await database.drop(); });

describe('rewards catalogue', () => {
  it('validates a reward with the field named', async () => {
    expect(fieldOf(await op.post('/api/v1/rewards', reward({ costPoints: 0 })))).toBe('costPoints');
    expect(fieldOf(await op.post('/api/v1/rewards', reward({ stock: -1 })))).toBe('stock');
    expect(fieldOf(await op.post('/api/v1/rewards', reward({ kind: 'cash' })))).toBe('kind');
  });

  it('concurrent redemptions never take more than the stock, and the refused ones keep their points', async () => {
    const id = (await op.post('/api/v1/rewards', reward())).json().id;
    const names = Object.keys(m);
    const results = await Promise.all(names.map((n) => op.post(`/api/v1/rewards/${id}/redemptions`, { memberId: m[n], idempotencyKey: `buy-${n}-0001` })));
    const ok = results.filter((r) => r.statusCode === 200);
    expect(ok).toHaveLength(3);
    expect(results.filter((r) => r.statusCode === 409).every((r) => fieldOf(r) === 'rewardId')).toBe(true);
    expect((await op.get(`/api/v1/rewards/${id}`)).json()).toMatchObject({ stock: 0, redeemed: 3 });
    const balances = await Promise.all(names.map((n) => balance(m[n]!)));
    expect(balances.filter((b) => b === 70)).toHaveLength(3);
    expect(balances.filter((b) => b === 120)).toHaveLength(7);
  });

  it('a replayed redemption is one; the per-member limit and the balance are refused on their fields', async () => {
    const id = (await op.post('/api/v1/rewards', reward({ name: '贴纸', costPoints: 30, stock: null, perMemberLimit: 2 }))).json().id;
    const buy = (key: string, who = 'm0') => op.post(`/api/v1/rewards/${id}/redemptions`, { memberId: m[who], idempotencyKey: key });
    const first = await buy('sticker-0001');
    const again = await buy('sticker-0001');
    expect([first.json().created, again.json().created, again.json().id]).toEqual([true, false, first.json().id]);
    expect((await buy('sticker-0002')).statusCode).toBe(200);
    const third = await buy('sticker-0003');
    expect([third.statusCode, fieldOf(third)]).toEqual([409, 'memberId']);
    const big = (await op.post('/api/v1/rewards', reward({ name: '音箱', costPoints: 500, stock: 5 }))).json().id;
    const poor = await op.post(`/api/v1/rewards/${big}/redemptions`, { memberId: m.m1, idempotencyKey: 'speaker-0001' });
    expect([poor.statusCode, fieldOf(poor)]).toEqual([409, 'amount']);
    expect((await op.get(`/api/v1/rewards/${big}`)).json().stock).toBe(5);
  });

  it('cancelling gives the points and the unit back once; a fulfilled one cannot be cancelled', async () => {
    const id = (await op.post('/api/v1/rewards', reward({ name: '抱枕', costPoints: 40, stock: 1 }))).json().id;
    const d = (await op.post(`/api/v1/rewards/${id}/redemptions`, { memberId: m.m9, idempotencyKey: 'pillow-0001' })).json();
    const before = await balance(m.m9!);
    const cancelled = await op.post(`/api/v1/reward-redemptions/${d.id}/cancel`);
    await op.post(`/api/v1/reward-redemptions/${d.id}/cancel`);
    expect(cancelled.json().status).toBe('cancelled');
    expect(await balance(m.m9!)).toBe(before + 40);
    expect((await op.get(`/api/v1/rewards/${id}`)).json()).toMatchObject({ stock: 1, redeemed: 0 });
    const d2 = (await op.post(`/api/v1/rewards/${id}/redemptions`, { memberId: m.m9, idempotencyKey: 'pillow-0002' })).json();
    expect((await op.post(`/api/v1/reward-redemptions/${d2.id}/fulfil`)).json().status).toBe('fulfilled');
    const late = await op.post(`/api/v1/reward-redemptions/${d2.id}/cancel`);
    expect([late.statusCode, fieldOf(late)]).toEqual([409, 'status']);
    expect((await op.get('/api/v1/reward-redemptions?status=fulfilled')).json().items.map((x: any) => x.id)).toEqual([d2.id]);
  });

  it('another workspace\'s rewards and redemptions are not found', async () => {
    const id = (await op.post('/api/v1/rewards', reward({ name: '私有' }))).json().id;
    expect((await stranger.get(`/api/v1/rewards/${id}`)).statusCode).toBe(404);
    expect((await stranger.put(`/api/v1/rewards/${id}`, {})).statusCode).toBe(404);
    expect((await stranger.post(`/api/v1/rewards/${id}/redemptions`, {})).statusCode).toBe(404);
    expect((await stranger.get('/api/v1/reward-redemptions')).json().total).toBe(0);
  });
});
