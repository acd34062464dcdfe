import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestDatabase } from '../../../test/helpers/database.js';
import { as, loginAs, makeWorkspace, testApp } from '../../../test/helpers/app.js';
import { groupWith, inTenant } from '../../../test/helpers/live-codes.js';
import { one, rows, sql } from '../../db/client.js';
import type { WorkspaceRef } from '../../core/context.js';
import { jobByName } from '../../jobs/definitions.js';
import { SCHEDULES } from '../../jobs/schedules.js';
import { clearTokenCache } from './api-client.js';
import { startFakeWecom, tokenOk, type FakeWecom } from './fake-wecom.js';
import { syncJoinWay } from './sync-join-way.js';
import { NOT_SYNCED } from './plan-join-way.js';
import { checkJoinWays } from './check-join-ways.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let app: FastifyInstance;
let fake: FakeWecom;
let ws: WorkspaceRef;
let admin: ReturnType<typeof as>;
let op: ReturnType<typeof as>;
let corpRow: string;
/** Community ids of the synced groups g0..g6, by chat id. */
const groups: Record<string, string> = {};

const API = '/cgi-bin/externalcontact/groupchat';
const QR = 'https://wework.qpic.cn/wwpic/join-way-qr/0';
const CONFIG = '9ad7fa5cdaa6511298498f979c472aaa';
const calls = (name: string) => fake.requests.filter((r) => r.path === `${API}/${name}`);
const wecomCalls = () => fake.requests.filter((r) => r.path.startsWith(API));
const phone = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148';
const queuedSyncs = async (liveCodeId: string) => (await rows<{ payload: { liveCodeId: string } }>(database.db, sql`
  select payload from jobs where name = 'wecom.join_way.sync' and payload->>'liveCodeId' = ${liveCodeId}`)).length;
const runQueuedSync = (liveCodeId: string) => jobByName.get('wecom.join_way.sync')!.handler(database, { workspaceId: ws.id, liveCodeId }, { id: '0', attempts: 1, maxAttempts: 5, workerId: 't' });
const stored = (liveCodeId: string) => inTenant(database, ws, (ctx) => one<{ configId: string | null; chatIds: string[]; lastError: string | null }>(ctx.db, sql`
  select config_id as "configId", chat_ids as "chatIds", last_error as "lastError" from wecom_join_ways where live_code_id = ${liveCodeId}`));

/** A WeCom group as group sync leaves it: a wecom community tied to the corp's chat in wecom_groups. */
async function syncedGroup(chatId: string, members: number, capacity = 200): Promise<string> {
  const id = await groupWith(database, ws, chatId, { members, capacity, channel: 'wecom' });
  await inTenant(database, ws, (ctx) => ctx.db.execute(sql`
    insert into wecom_groups (workspace_id, corp_row_id, chat_id, community_id, name, synced_at)
    values (${ws.id}, ${corpRow}, ${chatId}, ${id}, ${`群 ${chatId}`}, now())`));
  return id;
}

beforeAll(async () => {
  database = await createTestDatabase();
  app = await testApp(database);
  fake = await startFakeWecom();
  ws = await makeWorkspace(database, 'wecom-join-way', [{ email: 'admin@jw.test', role: 'admin' }, { email: 'op@jw.test', role: 'operator' }]);
  admin = as(app, await loginAs(app, 'admin@jw.test'));
  op = as(app, await loginAs(app, 'op@jw.test'));
  const corp = await admin.post('/api/v1/channels/wecom/corps', {
    name: '测试企业', corpId: 'wwjoinway0001', agentId: '1000002', secret: 'app-secret-abcd1234', token: 'QDG6eK',
    encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C', baseUrl: fake.baseUrl,
  });
  expect(corp.statusCode, corp.body).toBe(201);
  corpRow = corp.json().id;
  // g1 is full already (capacity 1, one member), so it is never chosen.
  for (let i = 0; i < 7; i++) groups[`g${i}`] = await syncedGroup(`wrJoinWayChat${i}`, 1, i === 1 ? 1 : 3);
  fake.answer('/cgi-bin/gettoken', tokenOk('TOKEN'));
  fake.answer(`${API}/add_join_way`, { errcode: 0, errmsg: 'ok', config_id: CONFIG });
  fake.answer(`${API}/update_join_way`, { errcode: 0, errmsg: 'ok' });
  fake.answer(`${API}/del_join_way`, { errcode: 0, errmsg: 'ok' });
});
afterAll(async () => { await app.close(); await fake.close(); await database.drop(); });
beforeEach(() => { clearTokenCache(); fake.requests.length = 0; });

describe('WeCom join ways behind live codes', () => {
  let code: { id: string; slug: string };
  const chat = (i: number) => `wrJoinWayChat${i}`;

  it('creates the join way: scene 2, five chats with room, auto-created rooms named after the live code, state = slug', async () => {
    const res = await op.post('/api/v1/live-codes', {
      name: '企微福利码', channel: 'wecom', capacity: 3, baseName: '福利群', communityIds: [0, 1, 2, 3, 4, 5, 6].map((i) => groups[`g${i}`]),
    });
    expect(res.statusCode, res.body).toBe(201);
    code = res.json();
    expect(await queuedSyncs(code.id)).toBe(1);
    fake.answer(`${API}/get_join_way`, {
      errcode: 0, errmsg: 'ok',
      join_way: { config_id: CONFIG, scene: 2, remark: 'Shequn 活码 企微福利码', auto_create_room: 1, room_base_name: '福利群', room_base_id: 8, chat_id_list: [chat(0), chat(2), chat(3), chat(4), chat(5)], qr_code: QR, state: code.slug },
    });

    const synced = await op.post(`/api/v1/live-codes/${code.id}/wecom-join-way/sync`);
    expect(synced.statusCode, synced.body).toBe(200);
    expect(calls('add_join_way')).toHaveLength(1);
    expect(calls('add_join_way')[0]!.query.get('access_token')).toBe('TOKEN');
    expect(calls('add_join_way')[0]!.body).toEqual({
      scene: 2, remark: 'Shequn 活码 企微福利码', auto_create_room: 1, room_base_name: '福利群', room_base_id: 8,
      chat_id_list: [chat(0), chat(2), chat(3), chat(4), chat(5)], state: code.slug,
    });
    expect(calls('get_join_way')[0]!.body).toEqual({ config_id: CONFIG });
    expect(synced.json()).toMatchObject({
      status: 'ready', configId: CONFIG, qrCode: QR, state: code.slug, roomBaseName: '福利群', roomBaseId: 8, lastError: null,
      chats: [0, 2, 3, 4, 5].map((i) => ({ chatId: chat(i), communityId: groups[`g${i}`], name: `群 ${chat(i)}` })),
    });
    expect((await op.get(`/api/v1/live-codes/${code.id}/wecom-join-way`)).json()).toMatchObject({ status: 'ready', qrCode: QR });
  });

  it('makes no WeCom call when nothing changed, through the job and the schedule alike', async () => {
    await runQueuedSync(code.id);
    expect(await syncJoinWay(database, ws, code.id)).toBe('none');
    expect(SCHEDULES.some((s) => s.job === 'wecom.join_way.check')).toBe(true);
    expect(await checkJoinWays(database)).toEqual({ checked: 1, changed: 0 });
    expect(fake.requests).toHaveLength(0);
  });

  it('swaps a group that filled up for the next with room (update_join_way, the QR code stays)', async () => {
    await inTenant(database, ws, (ctx) => ctx.db.execute(sql`update communities set capacity = 1 where id = ${groups.g3}`));
    expect(await syncJoinWay(database, ws, code.id)).toBe('updated');
    expect(calls('update_join_way')).toHaveLength(1);
    expect(calls('update_join_way')[0]!.body).toMatchObject({
      config_id: CONFIG, scene: 2, auto_create_room: 1, room_base_name: '福利群', room_base_id: 8, state: code.slug,
      chat_id_list: [chat(0), chat(2), chat(4), chat(5), chat(6)],
    });
    expect(calls('add_join_way')).toHaveLength(0);
    expect(calls('get_join_way')).toHaveLength(0);
    expect((await stored(code.id))!.chatIds).toEqual([chat(0), chat(2), chat(4), chat(5), chat(6)]);
    expect(await syncJoinWay(database, ws, code.id)).toBe('none');
    expect(wecomCalls()).toHaveLength(1);
  });

  it('shows WeCom\'s QR code on the scan page and still records the scan', async () => {
    const before = (await inTenant(database, ws, (ctx) => one<{ n: number }>(ctx.db, sql`select count(*)::int as n from live_code_scans where live_code_id = ${code.id}`)))!.n;
    const page = await app.inject({ method: 'GET', url: `/j/${code.slug}`, headers: { 'user-agent': phone } });
    expect(page.statusCode, page.body).toBe(200);
    expect(page.body).toContain(`<img class="qr" src="${QR}"`);
    expect(page.body).not.toContain('<form');
    expect(String(page.headers['content-security-policy'])).toContain('img-src https:');
    const after = (await inTenant(database, ws, (ctx) => one<{ n: number }>(ctx.db, sql`select count(*)::int as n from live_code_scans where live_code_id = ${code.id}`)))!.n;
    expect(after).toBe(before + 1);
  });

  it('deletes the join way with the live code (del_join_way), then forgets it', async () => {
    expect((await op.delete(`/api/v1/live-codes/${code.id}`)).statusCode).toBe(200);
    expect(await queuedSyncs(code.id)).toBe(2);
    await runQueuedSync(code.id);
    expect(calls('del_join_way').map((r) => r.body)).toEqual([{ config_id: CONFIG }]);
    expect(await stored(code.id)).toBeUndefined();
    expect(await syncJoinWay(database, ws, code.id)).toBe('none');
    expect(wecomCalls()).toHaveLength(1);
  });

  it('deletes it when the live code is paused, and creates a new one when it resumes', async () => {
    const res = await op.post('/api/v1/live-codes', { name: '暂停测试', channel: 'wecom', communityIds: [groups.g0] });
    const id = res.json().id as string;
    expect(await syncJoinWay(database, ws, id)).toBe('created');
    expect(calls('add_join_way')[0]!.body).toMatchObject({ chat_id_list: [chat(0)], room_base_name: '暂停测试', room_base_id: 2 });
    expect((await op.patch(`/api/v1/live-codes/${id}`, { enabled: false })).statusCode).toBe(200);
    await runQueuedSync(id);
    expect(calls('del_join_way')).toHaveLength(1);
    expect((await op.get(`/api/v1/live-codes/${id}/wecom-join-way`)).json()).toMatchObject({ status: 'none', configId: null, qrCode: null });
    const paused = await app.inject({ method: 'GET', url: `/j/${res.json().slug}`, headers: { 'user-agent': phone } });
    expect(paused.statusCode).toBe(403);
    fake.answer(`${API}/add_join_way`, { errcode: 0, errmsg: 'ok', config_id: 'resumed-config' });
    expect((await op.patch(`/api/v1/live-codes/${id}`, { enabled: true })).statusCode).toBe(200);
    await runQueuedSync(id);
    expect(calls('add_join_way')).toHaveLength(2);
    expect(await stored(id)).toMatchObject({ configId: 'resumed-config', chatIds: [chat(0)] });
    fake.answer(`${API}/add_join_way`, { errcode: 0, errmsg: 'ok', config_id: CONFIG });
  });

  it('never calls WeCom for a sandbox live code', async () => {
    const sandboxGroup = await groupWith(database, ws, 'sandbox-jw', { members: 1 });
    const res = await op.post('/api/v1/live-codes', { name: '沙盒码', communityIds: [sandboxGroup] });
    expect(res.statusCode, res.body).toBe(201);
    expect(await queuedSyncs(res.json().id)).toBe(0);
    expect(await syncJoinWay(database, ws, res.json().id)).toBe('none');
    const page = await app.inject({ method: 'GET', url: `/j/${res.json().slug}`, headers: { 'user-agent': phone } });
    expect(page.body).toContain('<form');
    expect(wecomCalls()).toHaveLength(0);
  });

  it('says plainly when the pool\'s groups were never synced from WeCom, and the scan page says the QR is not ready', async () => {
    const unsynced = await groupWith(database, ws, 'wrNeverSynced', { members: 1, channel: 'wecom' });
    const res = await op.post('/api/v1/live-codes', { name: '未同步码', channel: 'wecom', communityIds: [unsynced] });
    const id = res.json().id as string;
    const answer = await op.post(`/api/v1/live-codes/${id}/wecom-join-way/sync`);
    expect(answer.json()).toMatchObject({ status: 'error', configId: null, lastError: NOT_SYNCED });
    expect(answer.json().lastError).toMatch(/^该活码的群尚未从企业微信同步/);
    const page = await app.inject({ method: 'GET', url: `/j/${res.json().slug}`, headers: { 'user-agent': phone } });
    expect([page.statusCode, page.body.includes('还没有准备好')]).toEqual([503, true]);
    expect(wecomCalls()).toHaveLength(0);
  });

  it('keeps WeCom\'s error on the row and creates nothing half-way', async () => {
    fake.answer(`${API}/add_join_way`, { errcode: 60011, errmsg: 'no privilege to access/modify contact/party/agent' });
    const res = await op.post('/api/v1/live-codes', { name: '无权限码', channel: 'wecom', communityIds: [groups.g2] });
    const id = res.json().id as string;
    expect(await syncJoinWay(database, ws, id)).toBe('failed');
    expect(await stored(id)).toMatchObject({ configId: null, chatIds: [] });
    expect((await stored(id))!.lastError).toMatch(/permission \(60011\)/);
    fake.answer(`${API}/add_join_way`, { errcode: 0, errmsg: 'ok', config_id: 'second-config' });
    expect(await syncJoinWay(database, ws, id)).toBe('created');
    expect(await stored(id)).toMatchObject({ configId: 'second-config', chatIds: [chat(2)], lastError: null });
  });

  it('keeps another workspace out of a live code\'s join way', async () => {
    await makeWorkspace(database, 'wecom-join-way-other', [{ email: 'op@other-jw.test', role: 'operator' }]);
    const stranger = as(app, await loginAs(app, 'op@other-jw.test'));
    const [someCode] = await inTenant(database, ws, (ctx) => rows<{ id: string }>(ctx.db, sql`select id from live_codes where channel = 'wecom' limit 1`));
    expect((await stranger.get(`/api/v1/live-codes/${someCode!.id}/wecom-join-way`)).statusCode).toBe(404);
    expect((await stranger.post(`/api/v1/live-codes/${someCode!.id}/wecom-join-way/sync`)).statusCode).toBe(404);
  });
});
