import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { createTestDatabase } from '../../../test/helpers/database.js';
import { as, loginAs, makeWorkspace, testApp } from '../../../test/helpers/app.js';
import { groupEvent, ingestIntoGroups } from '../../../test/helpers/events.js';
import { one, sql } from '../../db/client.js';
import { withTenant, type WorkspaceRef } from '../../core/context.js';
import { earnPoints } from '../loyalty/points/earn-points.js';
import { DEFAULT_CHECK_IN_SETTINGS } from '../growth/check-in/contracts.js';
import { memberLink, readMemberToken, signMemberToken } from './member-links.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let app: FastifyInstance;
let ws: WorkspaceRef;
let other: WorkspaceRef;
let admin: ReturnType<typeof as>;
let op: ReturnType<typeof as>;
let analyst: ReturnType<typeof as>;
let stranger: ReturnType<typeof as>;
let groups: Record<string, string>;
const m: Record<string, string> = {};
const system = { kind: 'system' as const, name: 'test' };
const BASE = 'https://shequn.example.com';
const savedPublicUrl = process.env.SHEQUN_PUBLIC_URL;

const tokenOf = (url: string) => {
  const t = new URL(url).hash.match(/^#t=([A-Za-z0-9_-]+)$/)?.[1];
  if (!t) throw new Error(`no token in ${url}`);
  return t;
};
/** A token as the operator endpoint mints it. */
const mint = async (memberId: string, ttlDays?: number) => {
  const res = await op.post(`/api/v1/members/${memberId}/member-link`, ttlDays ? { ttlDays } : {});
  expect(res.statusCode, res.body).toBe(200);
  return tokenOf(res.json().url);
};
const member = (token: string) => {
  const call = (method: 'GET' | 'POST', url: string, payload?: unknown): Promise<LightMyRequestResponse> =>
    app.inject({ method, url, payload: payload as never, headers: { authorization: `Member ${token}` } });
  return { get: (url: string) => call('GET', url), post: (url: string, body: unknown = {}) => call('POST', url, body) };
};
const secretOf = async (workspaceId: string) =>
  (await one<{ secret: string; generation: number }>(database.db, sql`select secret, generation from member_link_secrets where workspace_id = ${workspaceId}`))!;
const balanceOf = async (memberId: string) => (await one<{ b: number }>(database.db, sql`select balance as b from points_accounts where member_id = ${memberId}`))?.b ?? 0;

beforeAll(async () => {
  process.env.SHEQUN_PUBLIC_URL = BASE;
  database = await createTestDatabase();
  app = await testApp(database);
  ws = await makeWorkspace(database, 'member-pages', [{ email: 'admin@mp.test', role: 'admin' }, { email: 'op@mp.test', role: 'operator' }, { email: 'analyst@mp.test', role: 'analyst' }]);
  other = await makeWorkspace(database, 'member-pages-other', [{ email: 'op@other.test', role: 'operator' }]);
  admin = as(app, await loginAs(app, 'admin@mp.test'));
  op = as(app, await loginAs(app, 'op@mp.test'));
  analyst = as(app, await loginAs(app, 'analyst@mp.test'));
  stranger = as(app, await loginAs(app, 'op@other.test'));
  const at = new Date(Date.now() - 3_600_000).toISOString();
  groups = await ingestIntoGroups(database, ws, ['amy', 'bob', 'cat', 'dan'].map((n) => groupEvent(`j-${n}`, 'member.joined', 'g1', n, at)), ['g1']);
  await ingestIntoGroups(database, other, [groupEvent('j-zed', 'member.joined', 'g1', 'zed', at)], ['g1']);
  // A group Shequn can write to, for the sends.
  Object.assign(groups, await ingestIntoGroups(database, ws, [{ id: 'j-eve', type: 'member.joined', occurredAt: at, community: { channel: 'sandbox', externalId: 'sg1', name: '福利群' }, member: { channel: 'sandbox', externalId: 'eve', name: 'eve' }, data: {} }], ['sg1']));
  for (const [w, names] of [[ws, ['amy', 'bob', 'cat', 'dan', 'eve']], [other, ['zed']]] as const) {
    for (const n of names) m[n] = (await one<{ id: string }>(database.db, sql`select id from members where workspace_id = ${w.id} and display_name = ${n}`))!.id;
  }
  await withTenant(database, ws, system, async (ctx) => {
    await earnPoints(ctx, { memberId: m.amy!, amount: 100, reason: 'adjustment', idempotencyKey: 'seed-amy' });
    await earnPoints(ctx, { memberId: m.bob!, amount: 50, reason: 'adjustment', idempotencyKey: 'seed-bob' });
    await earnPoints(ctx, { memberId: m.cat!, amount: 80, reason: 'adjustment', idempotencyKey: 'seed-cat' });
  });
  await withTenant(database, other, system, (ctx) => earnPoints(ctx, { memberId: m.zed!, amount: 999, reason: 'adjustment', idempotencyKey: 'seed-zed' }));
});
afterAll(async () => {
  if (savedPublicUrl === undefined) delete process.env.SHEQUN_PUBLIC_URL;
  else process.env.SHEQUN_PUBLIC_URL = savedPublicUrl;
  await app?.close();
  await database?.drop();
});

describe('signed member links', () => {
  it('an operator mints a link under the public address; analysts and other workspaces cannot', async () => {
    const res = await op.post(`/api/v1/members/${m.amy}/member-link`, { ttlDays: 7 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().url).toMatch(new RegExp(`^${BASE}/m/#t=[A-Za-z0-9_-]{90,}$`));
    const days = (new Date(res.json().expiresAt).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.99);
    expect(days).toBeLessThanOrEqual(7);
    expect((await analyst.post(`/api/v1/members/${m.amy}/member-link`, {})).statusCode).toBe(403);
    expect((await stranger.post(`/api/v1/members/${m.amy}/member-link`, {})).statusCode).toBe(404);
    expect((await op.post(`/api/v1/members/${m.amy}/member-link`, { ttlDays: 400 })).statusCode).toBe(400);
    expect((await admin.get('/api/v1/audit-log')).body).toContain('member.link_created');
  });

  it('opens the member\'s own page, and refuses a missing, malformed, tampered or forged token with 401', async () => {
    const token = await mint(m.amy!);
    const me = await member(token).get('/api/m/me');
    expect(me.statusCode, me.body).toBe(200);
    expect(me.json()).toEqual({ member: { id: m.amy, name: 'amy' }, workspace: { name: 'member-pages', timeZone: 'Asia/Shanghai' }, balance: 100 });

    expect((await app.inject({ method: 'GET', url: '/api/m/me' })).statusCode).toBe(401);
    expect((await member('not-a-token').get('/api/m/me')).json().error.message).toMatch(/malformed/);
    // One bit flipped in the signature.
    const raw = Buffer.from(token, 'base64url');
    raw[raw.length - 1] ^= 1;
    const flipped = await member(raw.toString('base64url')).get('/api/m/me');
    expect([flipped.statusCode, flipped.json().error.message]).toEqual([401, expect.stringMatching(/signature/)]);
    // Bob's id put in Amy's token, signature kept: the signature no longer covers it.
    const swapped = Buffer.from(token, 'base64url');
    Buffer.from(m.bob!.replace(/-/g, ''), 'hex').copy(swapped, 17);
    expect((await member(swapped.toString('base64url')).get('/api/m/me')).statusCode).toBe(401);
    // The expiry pushed out a year, signature kept.
    const later = Buffer.from(token, 'base64url');
    later.writeUInt32BE(later.readUInt32BE(33) + 365 * 86_400, 33);
    expect((await member(later.toString('base64url')).get('/api/m/me')).statusCode).toBe(401);
    // A session cookie is not a member token.
    const session = await app.inject({ method: 'GET', url: '/api/m/me', headers: { cookie: (await loginAs(app, 'op@mp.test')).cookie } });
    expect(session.statusCode).toBe(401);
  });

  it('an expired link answers 401 saying so', async () => {
    const link = await withTenant(database, ws, system, (ctx) => memberLink(ctx, m.amy!, { ttlDays: 1, baseUrl: BASE, now: new Date(Date.now() - 2 * 86_400_000) }));
    const res = await member(link.token).get('/api/m/me');
    expect([res.statusCode, res.json().error.message]).toEqual([401, expect.stringMatching(/^member link expired at /)]);
  });

  it('another workspace\'s token sees only that workspace\'s member, and cannot be re-pointed at this one', async () => {
    const zed = await withTenant(database, other, system, (ctx) => memberLink(ctx, m.zed!, { baseUrl: BASE }));
    expect((await member(zed.token).get('/api/m/me')).json()).toMatchObject({ member: { id: m.zed, name: 'zed' }, balance: 999 });
    // Zed's token with this workspace's id and Amy's member id: signed with the other workspace's key, so refused.
    const c = readMemberToken(zed.token)!;
    const { generation } = await secretOf(ws.id);
    const forged = signMemberToken((await secretOf(other.id)).secret, { ...c, workspaceId: ws.id, memberId: m.amy!, generation });
    const res = await member(forged).get('/api/m/me');
    expect([res.statusCode, res.json().error.message]).toEqual([401, expect.stringMatching(/signature/)]);
    // Signed properly, but for a member of the other workspace: no such member here.
    const cross = signMemberToken((await secretOf(ws.id)).secret, { ...c, workspaceId: ws.id, memberId: m.zed!, generation });
    expect((await member(cross).get('/api/m/me')).statusCode).toBe(401);
    // A workspace that does not exist.
    expect((await member(signMemberToken((await secretOf(ws.id)).secret, { ...c, workspaceId: '00000000-0000-4000-8000-000000000000' })).get('/api/m/me')).statusCode).toBe(401);
  });

  it('rotating the secret withdraws every link handed out before; admins only', async () => {
    const before = await mint(m.bob!);
    expect((await member(before).get('/api/m/me')).statusCode).toBe(200);
    expect((await op.post('/api/v1/member-links/rotate')).statusCode).toBe(403);
    const rotated = await admin.post('/api/v1/member-links/rotate');
    expect(rotated.statusCode, rotated.body).toBe(200);
    const res = await member(before).get('/api/m/me');
    expect([res.statusCode, res.json().error.message]).toEqual([401, expect.stringMatching(/withdrawn/)]);
    // The old generation number with a signature under the new key is refused too: the generation is checked, not trusted.
    const { secret } = await secretOf(ws.id);
    const stale = signMemberToken(secret, { ...readMemberToken(before)!, generation: rotated.json().generation - 1 });
    expect((await member(stale).get('/api/m/me')).statusCode).toBe(401);
    const after = await mint(m.bob!);
    expect((await member(after).get('/api/m/me')).json().member.name).toBe('bob');
  });

  it('a member token opens no operator route', async () => {
    const token = await mint(m.amy!);
    expect((await member(token).get('/api/v1/members')).statusCode).toBe(401);
    expect((await member(token).post(`/api/v1/members/${m.bob}/member-link`)).statusCode).toBe(401);
  });
});

describe('member API', () => {
  it('shows a member only their own points and history', async () => {
    const amy = member(await mint(m.amy!));
    const bob = member(await mint(m.bob!));
    const history = (await amy.get('/api/m/points?pageSize=50')).json();
    expect(history).toMatchObject({ balance: 100, total: 1, items: [{ amount: 100, reason: 'adjustment' }] });
    expect((await bob.get('/api/m/points')).json()).toMatchObject({ balance: 50, total: 1, items: [{ amount: 50 }] });
    // The member id comes from the token only: a memberId in the query is not an input.
    expect((await bob.get(`/api/m/points?memberId=${m.amy}`)).json().balance).toBe(50);
    expect((await amy.get('/api/m/me')).body).not.toContain(m.bob!);
  });

  it('a double-clicked check-in counts once, with its points once, and shows on the calendar', async () => {
    expect((await admin.put('/api/v1/points/settings', { expiryDays: null, rules: [{ activity: 'check_in', points: 5, dailyCap: null, enabled: true }] })).statusCode).toBe(200);
    expect((await admin.put('/api/v1/check-in/settings', { ...DEFAULT_CHECK_IN_SETTINGS, enabled: true })).statusCode).toBe(200);
    const dan = member(await mint(m.dan!));
    const clicks = await Promise.all([dan.post('/api/m/check-in'), dan.post('/api/m/check-in')]);
    for (const c of clicks) expect(c.statusCode, c.body).toBe(200);
    expect(clicks.map((c) => c.json().created).sort()).toEqual([false, true]);
    expect(clicks[0]!.json().checkIn.id).toBe(clicks[1]!.json().checkIn.id);
    const again = await dan.post('/api/m/check-in');
    expect(again.json().created).toBe(false);
    const n = await one<{ n: number }>(database.db, sql`select count(*)::int as n from check_ins where member_id = ${m.dan}`);
    expect(n!.n).toBe(1);
    expect(await balanceOf(m.dan!)).toBe(5);
    const cal = (await dan.get('/api/m/check-in')).json();
    expect(cal).toMatchObject({ checkedInToday: true, streak: 1, totalDays: 1, member: { id: m.dan } });
    expect(cal.days).toEqual([{ day: cal.today, source: 'button', points: 5 }]);
    // Amy's calendar does not show Dan's day.
    expect((await member(await mint(m.amy!)).get('/api/m/check-in')).json().days).toEqual([]);
    // A make-up without a card is refused on its field.
    const yesterday = new Date(`${cal.today}T00:00:00Z`);
    yesterday.setUTCDate(yesterday.getUTCDate() - 1);
    const makeUp = await dan.post('/api/m/check-in/make-up', { day: yesterday.toISOString().slice(0, 10) });
    expect([makeUp.statusCode, makeUp.json().error.fields[0].path]).toEqual([400, 'day']);
  });

  it('self-service redemption spends the points and one unit once under a double click, and lists only the member\'s own', async () => {
    const reward = (await op.post('/api/v1/rewards', { name: '帆布袋', kind: 'physical', costPoints: 30, stock: 5, perMemberLimit: null })).json();
    const off = (await op.post('/api/v1/rewards', { name: '停售', kind: 'virtual', costPoints: 1, stock: null, perMemberLimit: null, enabled: false })).json();
    const amy = member(await mint(m.amy!));
    const catalogue = (await amy.get('/api/m/rewards')).json();
    expect(catalogue.balance).toBe(100);
    expect(catalogue.items.map((r: { id: string }) => r.id)).toEqual([reward.id]);
    expect(catalogue.items[0]).not.toHaveProperty('redeemed');

    const clicks = await Promise.all([1, 2].map(() => amy.post(`/api/m/rewards/${reward.id}/redeem`, { idempotencyKey: 'confirm-0001' })));
    for (const c of clicks) expect(c.statusCode, c.body).toBe(200);
    expect(clicks.map((c) => c.json().created).sort()).toEqual([false, true]);
    expect(clicks.map((c) => c.json().balance)).toEqual([70, 70]);
    expect(await balanceOf(m.amy!)).toBe(70);
    expect((await op.get(`/api/v1/rewards/${reward.id}`)).json()).toMatchObject({ stock: 4, redeemed: 1 });
    expect((await amy.post(`/api/m/rewards/${off.id}/redeem`, { idempotencyKey: 'confirm-0002' })).statusCode).toBe(409);

    // Bob replaying Amy's key redeems for Bob (his own key space), never shows Amy's redemption.
    const bob = member(await mint(m.bob!));
    const bobs = await bob.post(`/api/m/rewards/${reward.id}/redeem`, { idempotencyKey: 'confirm-0001' });
    expect(bobs.json()).toMatchObject({ created: true, balance: 20 });
    expect(bobs.json().redemption.id).not.toBe(clicks[0]!.json().redemption.id);
    const poor = await bob.post(`/api/m/rewards/${reward.id}/redeem`, { idempotencyKey: 'confirm-0003' });
    expect(poor.statusCode).toBe(409);
    expect((await op.get(`/api/v1/rewards/${reward.id}`)).json().stock).toBe(3);

    const mine = (await amy.get('/api/m/redemptions')).json();
    expect(mine.items).toEqual([expect.objectContaining({ rewardId: reward.id, rewardName: '帆布袋', costPoints: 30, status: 'pending' })]);
    expect(mine.items[0]).not.toHaveProperty('memberId');
    expect((await bob.get('/api/m/redemptions')).json().total).toBe(1);
    // Another workspace's member finds no such reward.
    const zed = await withTenant(database, other, system, (ctx) => memberLink(ctx, m.zed!, { baseUrl: BASE }));
    expect((await member(zed.token).post(`/api/m/rewards/${reward.id}/redeem`, { idempotencyKey: 'steal-0001' })).statusCode).toBe(404);
    expect(await balanceOf(m.zed!)).toBe(999);
  });

  it('rate-limits a member\'s writes', async () => {
    const cat = member(await mint(m.cat!));
    const answers: number[] = [];
    for (let i = 0; i < 32; i++) answers.push((await cat.post('/api/m/check-in')).statusCode);
    expect(answers.slice(0, 30).every((s) => s === 200)).toBe(true);
    expect(answers.slice(30)).toEqual([429, 429]);
    // Reads are not limited, and another member is not affected.
    expect((await cat.get('/api/m/me')).statusCode).toBe(200);
    expect((await member(await mint(m.bob!)).post('/api/m/check-in')).statusCode).toBe(200);
  });
});

describe('{{member.link}} in automation messages', () => {
  it('renders a working link for a private send, and is refused in a group send', async () => {
    const preview = await op.post('/api/v1/templates/preview', { contentType: 'text', content: { text: '{{member.name}}，你的积分：{{member.link}}' }, communityId: groups.g1, memberId: m.cat });
    expect(preview.statusCode, preview.body).toBe(200);
    const text: string = preview.json().text;
    expect(text).toMatch(new RegExp(`^cat，你的积分：${BASE}/m/#t=[A-Za-z0-9_-]+$`));
    const url = text.slice('cat，你的积分：'.length);
    expect((await member(tokenOf(url)).get('/api/m/me')).json().member).toEqual({ id: m.cat, name: 'cat' });
    // No address members could open: no value, so a send would be refused rather than carry a dead link.
    delete process.env.SHEQUN_PUBLIC_URL;
    try {
      const blind = (await op.post('/api/v1/templates/preview', { contentType: 'text', content: { text: '{{member.link}}' }, communityId: groups.g1, memberId: m.cat })).json();
      expect(blind.unfilled).toEqual(['member.link']);
    } finally {
      process.env.SHEQUN_PUBLIC_URL = BASE;
    }

    const template = (await op.post('/api/v1/templates', { name: '积分提醒', contentType: 'text', variants: [{ key: 'A', weight: 1, content: { text: '查看积分 {{member.link}}' } }] })).json();
    const privateSend = await op.post(`/api/v1/templates/${template.id}/sends`, { communityId: groups.sg1, memberId: m.eve, idempotencyKey: 'link-send-0001' });
    expect(privateSend.statusCode, privateSend.body).toBe(201);
    const sent = await one<{ text: string }>(database.db, sql`select payload->>'text' as text from actions where id = ${privateSend.json().actionId}`);
    // Sends wrap links for click counting; the tracked link leads to the member's page.
    expect(sent!.text).toMatch(/^查看积分 https:\/\/shequn\.example\.com\/\S+$/);
    const follow = await app.inject({ method: 'GET', url: new URL(sent!.text.split(' ')[1]!).pathname, headers: { 'user-agent': 'Mozilla/5.0' } });
    expect(follow.statusCode, follow.body).toBe(302);
    expect((await member(tokenOf(String(follow.headers.location))).get('/api/m/me')).json().member.name).toBe('eve');
    const groupSend = await op.post(`/api/v1/templates/${template.id}/sends`, { communityId: groups.sg1, idempotencyKey: 'link-send-0002' });
    expect(groupSend.statusCode).toBe(400);
    expect(groupSend.body).toContain('member.link');
  });

  it('is refused in a staff task, which staff read', async () => {
    const res = await admin.post('/api/v1/triggers', { name: '潜水提醒', when: { kind: 'segment', segment: 'role:lurker' }, do: { kind: 'staff_task', taskKind: 'private_chat', title: '私聊 {{member.name}}', body: '链接 {{member.link}}' } });
    expect([res.statusCode, res.json().error.fields[0].path]).toEqual([400, 'do.body']);
  });
});
