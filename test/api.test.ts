import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestDatabase, TEST_DRIVER } from './helpers/database.js';
import { as, loginAs, makeWorkspace, testApp } from './helpers/app.js';
import { dispatchActions } from '../src/modules/automation/dispatch-actions.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let app: FastifyInstance;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await testApp(database);
  await makeWorkspace(database, 'shop', [
    { email: 'owner@shop.test', role: 'owner' }, { email: 'admin@shop.test', role: 'admin' },
    { email: 'op@shop.test', role: 'operator' }, { email: 'analyst@shop.test', role: 'analyst' },
  ]);
});
afterAll(async () => { await app.close(); await database.drop(); });

describe('platform', () => {
  it('answers health and serves the OpenAPI document generated from the route schemas', async () => {
    const health = (await app.inject('/api/health')).json();
    expect(health).toMatchObject({ status: 'ok', database: TEST_DRIVER });
    expect(health.version).toMatch(/^\d+\.\d+\.\d+/);
    const doc = (await app.inject('/api/openapi.json')).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.paths['/api/v1/events'].post.requestBody).toBeDefined();
    expect(doc.paths['/api/v1/communities'].post.requestBody.content['application/json'].schema.properties.type.enum).toEqual(['basic', 'vip', 'distribution']);
    expect((await app.inject('/api/docs/')).statusCode).toBe(200);
  });
});

describe('auth', () => {
  it('logs in with an httpOnly SameSite cookie and a CSRF token that writes must send', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'OP@shop.test', password: 'correct horse battery' } });
    expect(res.statusCode).toBe(200);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const { csrfToken, role, workspace } = res.json();
    expect(role).toBe('operator');
    expect(workspace.slug).toBe('shop');
    const session = cookie.split(';')[0]!;
    const noCsrf = await app.inject({ method: 'POST', url: '/api/v1/communities', headers: { cookie: session }, payload: { name: 'x' } });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().error.message).toMatch(/csrf/i);
    const ok = await app.inject({ method: 'POST', url: '/api/v1/communities', headers: { cookie: session, 'x-csrf-token': csrfToken }, payload: { name: '宝妈福利群 1', subtype: '福利群' } });
    expect(ok.statusCode).toBe(201);
    expect((await app.inject({ url: '/api/v1/auth/me', headers: { cookie: session } })).json().csrfToken).toBe(csrfToken);
    const relogin = await app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { cookie: session }, payload: { email: 'op@shop.test', password: 'correct horse battery' } });
    expect(relogin.statusCode).toBe(200);
    await app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie: session, 'x-csrf-token': csrfToken } });
    expect((await app.inject({ url: '/api/v1/auth/me', headers: { cookie: session } })).statusCode).toBe(401);
  });

  it('rejects a wrong password the same way as an unknown email, and rate-limits guessing', async () => {
    const wrong = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'owner@shop.test', password: 'nope' } });
    const unknown = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'ghost@shop.test', password: 'nope' } });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json()).toEqual(wrong.json());
    let last = 0;
    for (let i = 0; i < 11; i++) last = (await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'victim@shop.test', password: `guess${i}` } })).statusCode;
    expect(last).toBe(429);
  });

  it('checks roles on every route', async () => {
    const analyst = as(app, await loginAs(app, 'analyst@shop.test'));
    const op = as(app, await loginAs(app, 'op@shop.test'));
    const admin = as(app, await loginAs(app, 'admin@shop.test'));
    expect((await analyst.get('/api/v1/communities')).statusCode).toBe(200);
    expect((await analyst.post('/api/v1/communities', { name: 'no' })).statusCode).toBe(403);
    expect((await op.get('/api/v1/api-keys')).statusCode).toBe(403);
    expect((await op.get('/api/v1/staff')).statusCode).toBe(403);
    expect((await admin.get('/api/v1/staff')).statusCode).toBe(200);
    const staff = (await admin.get('/api/v1/staff')).json().items as { userId: string; email: string }[];
    const owner = staff.find((s) => s.email === 'owner@shop.test')!;
    const demote = await admin.patch(`/api/v1/staff/${owner.userId}`, { role: 'analyst' });
    expect(demote.statusCode).toBe(403);
    const added = await admin.post('/api/v1/staff', { email: 'new@shop.test', name: 'New', role: 'operator', password: 'long enough pw' });
    expect(added.statusCode).toBe(201);
    const short = await admin.post('/api/v1/staff', { email: 'x@shop.test', name: 'X', role: 'operator', password: 'short' });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.fields[0].path).toBe('password');
    const audit = (await admin.get('/api/v1/audit-log')).json();
    expect(audit.items.map((a: { action: string }) => a.action)).toContain('staff.added');
    expect(audit.items.find((a: { action: string }) => a.action === 'staff.added').actor).toBe('admin@shop.test');
  });
});

describe('API keys', () => {
  it('shows the key once, stores only a hash, enforces scopes and stops working when revoked', async () => {
    const admin = as(app, await loginAs(app, 'admin@shop.test'));
    const created = await admin.post('/api/v1/api-keys', { name: 'crm', scopes: ['events:write', 'read'] });
    expect(created.statusCode).toBe(201);
    const { key, id } = created.json();
    expect(key).toMatch(/^shq_/);
    const listed = (await admin.get('/api/v1/api-keys')).json().items.find((k: { id: string }) => k.id === id);
    expect(listed.key).toBeUndefined();
    expect(JSON.stringify(listed)).not.toContain(key.slice(12));
    const bearer = { authorization: `Bearer ${key}` };
    expect((await app.inject({ url: '/api/v1/communities', headers: bearer })).statusCode).toBe(200);
    const write = await app.inject({ method: 'POST', url: '/api/v1/communities', headers: bearer, payload: { name: 'x' } });
    expect(write.statusCode).toBe(403);
    expect(write.json().error.message).toMatch(/write/);
    expect((await admin.delete(`/api/v1/api-keys/${id}`)).json().revokedAt).not.toBeNull();
    expect((await app.inject({ url: '/api/v1/communities', headers: bearer })).statusCode).toBe(401);
  });
});

describe('communities, members and the sandbox timeline', () => {
  it('creates, filters, pages and updates communities with field errors', async () => {
    const op = as(app, await loginAs(app, 'op@shop.test'));
    for (let i = 1; i <= 3; i++) expect((await op.post('/api/v1/communities', { name: `VIP会员群 ${i}`, type: 'vip', subtype: '会员群', capacity: 200 })).statusCode).toBe(201);
    const bad = await op.post('/api/v1/communities', { name: '', type: 'gold' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.map((f: { path: string }) => f.path)).toEqual(expect.arrayContaining(['name', 'type']));
    const page = (await op.get('/api/v1/communities?type=vip&pageSize=2&page=2')).json();
    expect(page.total).toBe(3);
    expect(page.items).toHaveLength(1);
    const id = page.items[0].id;
    const upd = await op.patch(`/api/v1/communities/${id}`, { tags: ['核心', '上海'], capacity: 300 });
    expect(upd.json()).toMatchObject({ tags: ['核心', '上海'], capacity: 300 });
    expect((await op.get('/api/v1/communities?q=VIP会员群 2')).json().total).toBe(1);
  });

  it('sends a message to a sandbox group through the outbox exactly once and shows it in the timeline', async () => {
    const op = as(app, await loginAs(app, 'op@shop.test'));
    const key = (await as(app, await loginAs(app, 'admin@shop.test')).post('/api/v1/api-keys', { name: 'sim', scopes: ['events:write'] })).json().key;
    const pushed = await app.inject({ method: 'POST', url: '/api/v1/events', headers: { authorization: `Bearer ${key}` }, payload: { events: [
      { id: 's1', type: 'member.joined', occurredAt: '2026-11-20T01:00:00Z', community: { channel: 'sandbox', externalId: 'sbx-1', name: '秒杀群 1' }, member: { channel: 'sandbox', externalId: 'm1', name: '小王' }, data: {} },
      { id: 's2', type: 'message.sent', occurredAt: '2026-11-20T01:05:00Z', community: { channel: 'sandbox', externalId: 'sbx-1' }, member: { channel: 'sandbox', externalId: 'm1' }, data: { text: '大家好' } },
    ] } });
    expect(pushed.json().results.map((r: { status: string }) => r.status)).toEqual(['stored', 'stored']);
    const community = (await op.get('/api/v1/communities?channel=sandbox&q=秒杀群')).json().items[0];
    expect(community.name).toBe('秒杀群 1');
    const sent = await op.post(`/api/v1/communities/${community.id}/messages`, { text: '今晚 8 点秒杀', idempotencyKey: 'flash-1' });
    expect(sent.statusCode).toBe(201);
    const again = await op.post(`/api/v1/communities/${community.id}/messages`, { text: '今晚 8 点秒杀', idempotencyKey: 'flash-1' });
    expect(again.json().id).toBe(sent.json().id);
    let timeline = (await op.get(`/api/v1/communities/${community.id}/timeline`)).json();
    expect(timeline.items[0]).toMatchObject({ direction: 'out', status: 'pending', text: '今晚 8 点秒杀' });
    expect(await dispatchActions(database)).toEqual({ sent: 1, failed: 0, retried: 0 });
    expect(await dispatchActions(database)).toEqual({ sent: 0, failed: 0, retried: 0 });
    timeline = (await op.get(`/api/v1/communities/${community.id}/timeline`)).json();
    const texts = timeline.items.map((i: { text: string | null; direction: string; status: string | null }) => [i.text, i.direction, i.status]);
    expect(texts).toEqual([['今晚 8 点秒杀', 'out', 'sent'], ['大家好', 'in', null], [null, 'in', null]]);

    // The bot's own message is in the timeline but is not community activity.
    const after = (await op.get(`/api/v1/communities/${community.id}`)).json();
    expect(after.memberCount).toBe(1);
    const activity = (await op.get(`/api/v1/communities/${community.id}/activity?days=366`)).json().series;
    expect(activity.reduce((n: number, d: { messages: number }) => n + d.messages, 0)).toBe(1);

    const members = (await op.get(`/api/v1/communities/${community.id}/members`)).json();
    expect(members.items.map((m: { displayName: string }) => m.displayName)).toContain('小王');
    const memberId = members.items.find((m: { displayName: string }) => m.displayName === '小王').memberId;
    const detail = (await op.get(`/api/v1/members/${memberId}`)).json();
    expect(detail.identities).toEqual([{ channel: 'sandbox', externalId: 'm1' }]);
    expect(detail.memberships[0].communityName).toBe('秒杀群 1');
    const history = (await op.get(`/api/v1/members/${memberId}/events`)).json();
    expect(history.items.map((e: { id: string }) => e.id)).toEqual(['s2', 's1']);
    const patched = (await op.patch(`/api/v1/members/${memberId}`, { optedOut: true, tags: ['高意向', '宝妈'] })).json();
    expect(patched).toMatchObject({ optedOut: true, tags: ['宝妈', '高意向'] });
    expect((await op.patch(`/api/v1/communities/${community.id}/members/${memberId}`, { isKol: true, role: 'admin' })).json()).toEqual({ ok: true });
    const kol = (await op.get(`/api/v1/communities/${community.id}/members`)).json().items.find((m: { memberId: string }) => m.memberId === memberId);
    expect(kol).toMatchObject({ isKol: true, role: 'admin' });
    expect((await op.get('/api/v1/members?q=小王')).json().total).toBe(1);
  });
});

describe('membership actions', () => {
  it('removes and re-invites a member of a sandbox group through the outbox, and refuses what cannot be done', async () => {
    const op = as(app, await loginAs(app, 'op@shop.test'));
    const analyst = as(app, await loginAs(app, 'analyst@shop.test'));
    const key = (await as(app, await loginAs(app, 'admin@shop.test')).post('/api/v1/api-keys', { name: 'acts', scopes: ['events:write'] })).json().key;
    const group = { channel: 'sandbox', externalId: 'sbx-acts', name: '会员群 A' };
    await app.inject({ method: 'POST', url: '/api/v1/events', headers: { authorization: `Bearer ${key}` }, payload: { events: [
      { id: 'a1', type: 'member.joined', occurredAt: '2026-11-20T01:00:00Z', community: group, member: { channel: 'sandbox', externalId: 'spam-1', name: '广告哥' }, data: {} },
      { id: 'a2', type: 'page.viewed', occurredAt: '2026-11-20T01:00:00Z', member: { channel: 'webhook', externalId: 'web-9', name: '网页访客' }, data: { url: 'https://shop.test/' } },
    ] } });
    const community = (await op.get('/api/v1/communities?q=会员群 A')).json().items[0];
    const spammer = (await op.get('/api/v1/members?q=广告哥')).json().items[0];
    const visitor = (await op.get('/api/v1/members?q=网页访客')).json().items[0];
    const url = (path: string) => `/api/v1/communities/${community.id}/${path}`;

    expect((await analyst.post(url('removals'), { memberId: spammer.id })).statusCode).toBe(403);
    const invalid = await op.post(url('removals'), { memberId: 'not-a-uuid' });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.message).toContain('memberId');
    const notIn = await op.post(url('removals'), { memberId: visitor.id });
    expect(notIn.statusCode).toBe(409);
    expect(notIn.json().error.message).toBe('memberId: member has no sandbox account');
    expect((await op.post(url('invitations'), { memberId: spammer.id })).json().error.message).toBe('memberId: member is already in this group');
    expect((await op.post(url('removals'), { memberId: '00000000-0000-4000-8000-000000000000' })).statusCode).toBe(404);

    const removal = await op.post(url('removals'), { memberId: spammer.id, reason: '发广告', idempotencyKey: 'rm-spam-1' });
    expect(removal.statusCode).toBe(201);
    let timeline = (await op.get(url('timeline'))).json();
    expect(timeline.items[0]).toMatchObject({ type: 'remove', memberName: '广告哥', status: 'pending', direction: 'out' });
    // Nothing changes until the platform reports it.
    expect((await op.get(`/api/v1/communities/${community.id}`)).json().memberCount).toBe(1);
    expect(await dispatchActions(database)).toEqual({ sent: 1, failed: 0, retried: 0 });
    expect((await op.get(`/api/v1/communities/${community.id}`)).json().memberCount).toBe(0);
    timeline = (await op.get(url('timeline'))).json();
    expect(timeline.items[0]).toMatchObject({ type: 'member.left', memberName: '广告哥', direction: 'out', status: 'sent' });
    expect((await op.post(url('removals'), { memberId: spammer.id })).json().error.message).toBe('memberId: member is not in this group');

    await op.patch(`/api/v1/members/${spammer.id}`, { optedOut: true });
    expect((await op.post(url('invitations'), { memberId: spammer.id })).json().error.message).toBe('memberId: member opted out of being contacted');
    await op.patch(`/api/v1/members/${spammer.id}`, { optedOut: false });
    await op.patch(`/api/v1/communities/${community.id}`, { capacity: 1 });
    expect((await op.post(url('invitations'), { memberId: spammer.id })).statusCode).toBe(201);
    expect(await dispatchActions(database)).toEqual({ sent: 1, failed: 0, retried: 0 });
    const back = (await op.get(`/api/v1/communities/${community.id}/members`)).json().items;
    expect(back).toEqual([expect.objectContaining({ memberId: spammer.id, joinScene: 'added_by_staff' })]);
    // The group is now full.
    await app.inject({ method: 'POST', url: '/api/v1/events', headers: { authorization: `Bearer ${key}` }, payload: { events: [
      { id: 'a3', type: 'message.sent', occurredAt: '2026-11-20T02:00:00Z', community: group, member: { channel: 'sandbox', externalId: 'fan-2', name: '粉丝二' }, data: { text: 'hi' } },
    ] } });
    await op.patch(`/api/v1/communities/${community.id}`, { capacity: 2 });
    const third = (await op.get('/api/v1/members?q=fan-2')).json().items[0];
    await op.post(url('removals'), { memberId: third.id, idempotencyKey: 'rm-fan-2' });
    await dispatchActions(database);
    await op.patch(`/api/v1/communities/${community.id}`, { capacity: 1 });
    const full = await op.post(url('invitations'), { memberId: third.id });
    expect(full.statusCode).toBe(409);
    expect(full.json().error.message).toBe('community: is full (1 of 1)');

    // A group on an inbound-only channel can be read but not acted on: refused up front, nothing queued.
    await app.inject({ method: 'POST', url: '/api/v1/events', headers: { authorization: `Bearer ${key}` }, payload: { events: [
      { id: 'a4', type: 'message.sent', occurredAt: '2026-11-20T03:00:00Z', community: { channel: 'webhook', externalId: 'wh-1', name: '网页群' }, member: { channel: 'webhook', externalId: 'web-9' }, data: { text: 'hi' } },
    ] } });
    const readOnly = (await op.get('/api/v1/communities?q=网页群')).json().items[0];
    for (const [path, body] of [['messages', { text: 'hello' }], ['removals', { memberId: visitor.id }]] as const) {
      const refused = await op.post(`/api/v1/communities/${readOnly.id}/${path}`, body);
      expect(refused.statusCode, path).toBe(409);
      expect(refused.json().error.message).toBe('community: the webhook channel only brings events in; Shequn cannot act on its groups');
    }
    expect(await dispatchActions(database)).toEqual({ sent: 0, failed: 0, retried: 0 });

    const audit = (await as(app, await loginAs(app, 'admin@shop.test')).get('/api/v1/audit-log?pageSize=50')).json().items;
    expect(audit.map((a: { action: string }) => a.action)).toEqual(expect.arrayContaining(['member.removal_requested', 'member.invite_requested']));
  });
});
