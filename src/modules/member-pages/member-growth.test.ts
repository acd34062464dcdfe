import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { createTestDatabase } from '../../../test/helpers/database.js';
import { as, loginAs, makeWorkspace, testApp } from '../../../test/helpers/app.js';
import { ingestIntoGroups } from '../../../test/helpers/events.js';
import { one, sql } from '../../db/client.js';
import { withTenant, type WorkspaceRef } from '../../core/context.js';
import { earnPoints } from '../loyalty/points/earn-points.js';
import { memberLink, MEMBER_COOKIE } from './member-links.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let app: FastifyInstance;
let ws: WorkspaceRef;
let other: WorkspaceRef;
let op: ReturnType<typeof as>;
const m: Record<string, string> = {};
const tokens: Record<string, string> = {};
let drawId: string;
let campaignId: string;
const system = { kind: 'system' as const, name: 'test' };
const DAY = 86_400_000;

const member = (who: string) => {
  const call = (method: 'GET' | 'POST', url: string, payload?: unknown): Promise<LightMyRequestResponse> =>
    app.inject({ method, url, payload: payload as never, headers: { authorization: `Member ${tokens[who]}` } });
  return { get: (url: string) => call('GET', url), post: (url: string, body: unknown = {}) => call('POST', url, body) };
};
const balanceOf = async (memberId: string) => (await one<{ b: number }>(database.db, sql`select balance as b from points_accounts where member_id = ${memberId}`))?.b ?? 0;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await testApp(database);
  ws = await makeWorkspace(database, 'member-growth', [{ email: 'op@mg.test', role: 'operator' }]);
  other = await makeWorkspace(database, 'member-growth-other', [{ email: 'op@mg-other.test', role: 'operator' }]);
  op = as(app, await loginAs(app, 'op@mg.test'));
  const at = new Date(Date.now() - 3_600_000).toISOString();
  const join = (w: string, who: string) => ({ id: `j-${who}`, type: 'member.joined', occurredAt: at, community: { channel: 'sandbox', externalId: `${w}-g1`, name: '福利群' }, member: { channel: 'sandbox', externalId: who, name: who }, data: {} });
  const groups = await ingestIntoGroups(database, ws, [join('a', 'amy'), join('a', 'bob')], ['a-g1']);
  await ingestIntoGroups(database, other, [join('b', 'zed')], ['b-g1']);
  for (const [w, who] of [[ws, 'amy'], [ws, 'bob'], [other, 'zed']] as const) {
    m[who] = (await one<{ id: string }>(database.db, sql`select member_id as id from member_identities where external_id = ${who}`))!.id;
    tokens[who] = (await withTenant(database, w, system, (ctx) => memberLink(ctx, m[who]!, { baseUrl: 'https://shequn.example.com' }))).token;
    await withTenant(database, w, system, (ctx) => earnPoints(ctx, { memberId: m[who]!, amount: 100, reason: 'adjustment', idempotencyKey: `seed-${who}` }));
  }
  const draw = await op.post('/api/v1/draws', {
    name: '双十二抽奖', startsAt: new Date(Date.now() - DAY).toISOString(), endsAt: new Date(Date.now() + DAY).toISOString(), unit: 'draw', pointsCost: 10,
    prizes: [{ name: '帆布袋', kind: 'physical', weight: 1, stock: 5 }, { name: '谢谢参与', kind: 'thanks', weight: 1 }],
  });
  expect(draw.statusCode, draw.body).toBe(201);
  drawId = draw.json().id;
  expect((await op.post(`/api/v1/draws/${drawId}/open`)).statusCode).toBe(200);
  const code = await op.post('/api/v1/live-codes', { name: '裂变活码', capacity: 500, communityIds: [groups['a-g1']] });
  expect(code.statusCode, code.body).toBe(201);
  const campaign = await op.post('/api/v1/fission-campaigns', { name: '邀请有礼', status: 'active', liveCodeId: code.json().id, goal: 3, rewardKind: 'points', rewardPoints: 50 });
  expect(campaign.statusCode, campaign.body).toBe(201);
  campaignId = campaign.json().id;
});
afterAll(async () => { await app?.close(); await database?.drop(); });

describe('member draws', () => {
  it('lists the open draw with the member\'s eligibility, and draws once under a double tap', async () => {
    const list = (await member('amy').get('/api/m/draws')).json();
    expect(list.entries).toEqual([]);
    expect(list.draws).toEqual([expect.objectContaining({ id: drawId, pointsCost: 10, commitment: expect.stringMatching(/^[0-9a-f]{64}$/), eligibility: expect.objectContaining({ eligible: true, remainingUnits: 1, balance: 100 }) })]);
    expect(list.draws[0].prizes.map((p: { name: string }) => p.name)).toEqual(['帆布袋', '谢谢参与']);
    expect(list.draws[0]).not.toHaveProperty('segment');

    const taps = await Promise.all([1, 2].map(() => member('amy').post(`/api/m/draws/${drawId}/draw`, { idempotencyKey: 'tap-00001' })));
    for (const t of taps) expect(t.statusCode, t.body).toBe(200);
    expect(taps.map((t) => t.json().created).sort()).toEqual([false, true]);
    expect(taps[0]!.json().id).toBe(taps[1]!.json().id);
    expect(['帆布袋', '谢谢参与']).toContain(taps[0]!.json().prizeName);
    expect(taps[0]!.json()).not.toHaveProperty('memberName');
    expect(await balanceOf(m.amy!)).toBe(90);
    // One draw per member in this draw: another key is refused.
    const again = await member('amy').post(`/api/m/draws/${drawId}/draw`, { idempotencyKey: 'tap-00002' });
    expect(again.statusCode).toBe(409);
    expect(await balanceOf(m.amy!)).toBe(90);

    // Bob with Amy's key draws for himself; he never gets Amy's entry back.
    const bob = await member('bob').post(`/api/m/draws/${drawId}/draw`, { idempotencyKey: 'tap-00001' });
    expect(bob.json()).toMatchObject({ created: true, balance: 90 });
    expect(bob.json().id).not.toBe(taps[0]!.json().id);
    const mine = (await member('amy').get('/api/m/draws')).json();
    expect(mine.entries.map((e: { id: string }) => e.id)).toEqual([taps[0]!.json().id]);
    expect(mine.draws[0].eligibility).toMatchObject({ eligible: false, reason: 'unit_used', remainingUnits: 0 });
  });

  it('shows the commitment and the member\'s own draws for verification; the seed only once closed', async () => {
    const open = (await member('amy').get(`/api/m/draws/${drawId}/verification`)).json();
    expect(open).toMatchObject({ drawId, status: 'open', seed: null, commitment: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(open.entries).toHaveLength(1);
    expect(open.entries[0].valid).toBeNull();
    expect((await op.post(`/api/v1/draws/${drawId}/close`)).statusCode).toBe(200);
    const closed = (await member('amy').get(`/api/m/draws/${drawId}/verification`)).json();
    expect(closed.seed).toMatch(/^[0-9a-f]+$/);
    expect(closed.entries.map((e: { valid: boolean }) => e.valid)).toEqual([true]);
    // Another workspace's member: no such draw.
    expect((await member('zed').get(`/api/m/draws/${drawId}/verification`)).statusCode).toBe(404);
  });
});

describe('member invites', () => {
  it('joins a campaign once, shows progress, and renders the member\'s own poster', async () => {
    const before = (await member('amy').get('/api/m/invites')).json();
    expect(before.items).toEqual([expect.objectContaining({ campaignId, name: '邀请有礼', goal: 3, joined: false, qualified: 0, rewardKind: 'points', rewardPoints: 50 })]);
    expect((await member('amy').get(`/api/m/invites/${campaignId}/poster.png`)).statusCode).toBe(404);
    const joins = await Promise.all([1, 2].map(() => member('amy').post(`/api/m/invites/${campaignId}/join`)));
    for (const j of joins) expect(j.statusCode, j.body).toBe(200);
    expect(joins[0]!.json()).toMatchObject({ qualified: 0, pending: 0, goal: 3, completedAt: null });
    const participants = await one<{ n: number }>(database.db, sql`select count(*)::int as n from fission_participants where member_id = ${m.amy}`);
    expect(participants!.n).toBe(1);
    expect((await member('amy').get('/api/m/invites')).json().items[0]).toMatchObject({ joined: true });
    expect((await member('bob').get('/api/m/invites')).json().items[0]).toMatchObject({ joined: false });

    const poster = await member('amy').get(`/api/m/invites/${campaignId}/poster.png`);
    expect(poster.statusCode).toBe(200);
    expect(poster.headers['content-type']).toBe('image/png');
    expect(poster.rawPayload.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    // An <img> cannot send headers: the member cookie opens the poster (a read), never a write.
    const viaCookie = await app.inject({ method: 'GET', url: `/api/m/invites/${campaignId}/poster.png?as=share`, headers: { cookie: `${MEMBER_COOKIE}=${tokens.amy}` } });
    expect(viaCookie.statusCode).toBe(200);
    const events = await one<{ generated: number; shared: number }>(database.db, sql`
      select count(*) filter (where kind = 'generated')::int as generated, count(*) filter (where kind = 'shared')::int as shared from fission_poster_events`);
    expect(events).toEqual({ generated: 1, shared: 1 });
    const cookieWrite = await app.inject({ method: 'POST', url: `/api/m/invites/${campaignId}/join`, payload: {}, headers: { cookie: `${MEMBER_COOKIE}=${tokens.bob}` } });
    expect(cookieWrite.statusCode).toBe(401);
    expect((await member('zed').get('/api/m/invites')).json().items).toEqual([]);
    expect((await member('zed').post(`/api/m/invites/${campaignId}/join`)).statusCode).toBe(404);
  });
});
