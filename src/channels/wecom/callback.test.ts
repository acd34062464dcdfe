import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestDatabase } from '../../../test/helpers/database.js';
import { as, loginAs, makeWorkspace, testApp } from '../../../test/helpers/app.js';
import { rows, sql } from '../../db/client.js';
import { encrypt, signature } from './crypto.js';
import { startFakeWecom, tokenOk, type FakeWecom } from './fake-wecom.js';
import { clearTokenCache } from './api-client.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let app: FastifyInstance;
let fake: FakeWecom;
let admin: ReturnType<typeof as>;
let corpRow: string;

const keys = { token: 'QDG6eK', encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C', receiverId: 'wwshequn0001' };
const corpInput = { name: '测试企业', corpId: keys.receiverId, agentId: '1000002', secret: 'app-secret-abcd1234', token: keys.token, encodingAesKey: keys.encodingAesKey };

/** A request as WeCom signs it now: the encrypted event in the envelope, the signature in the query. */
function signed(xml: string, opts: { timestamp?: number; nonce?: string; keys?: typeof keys } = {}) {
  const k = opts.keys ?? keys;
  const encrypted = encrypt(k, xml);
  const timestamp = String(opts.timestamp ?? Math.floor(Date.now() / 1000));
  const nonce = opts.nonce ?? randomBytes(5).toString('hex');
  const q = new URLSearchParams({ msg_signature: signature(k.token, timestamp, nonce, encrypted), timestamp, nonce });
  return { query: q.toString(), encrypted, body: `<xml><ToUserName><![CDATA[${k.receiverId}]]></ToUserName><Encrypt><![CDATA[${encrypted}]]></Encrypt><AgentID><![CDATA[1000002]]></AgentID></xml>` };
}
const post = (xml: string, opts?: Parameters<typeof signed>[1]) => {
  const s = signed(xml, opts);
  return app.inject({ method: 'POST', url: `/api/v1/channels/wecom/${corpRow}/callback?${s.query}`, headers: { 'content-type': 'text/xml' }, payload: s.body });
};
const forge = (query: string) => {
  const q = new URLSearchParams(query);
  q.set('msg_signature', q.get('msg_signature')!.replace(/^./, (c) => (c === '0' ? '1' : '0')));
  return q.toString();
};
const chatEvent = (fields: string) => `<xml><ToUserName><![CDATA[${keys.receiverId}]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName><CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[change_external_chat]]></Event><ChatId><![CDATA[wrOgQhDgAAMYQiS5ol9G7gK9JVAAAA]]></ChatId>${fields}</xml>`;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await testApp(database);
  fake = await startFakeWecom();
  await makeWorkspace(database, 'wecom-a', [{ email: 'admin@a.test', role: 'admin' }, { email: 'op@a.test', role: 'operator' }]);
  admin = as(app, await loginAs(app, 'admin@a.test'));
  const res = await admin.post('/api/v1/channels/wecom/corps', { ...corpInput, baseUrl: fake.baseUrl });
  expect(res.statusCode, res.body).toBe(201);
  corpRow = res.json().id;
});
afterAll(async () => { await app.close(); await fake.close(); await database.drop(); });

describe('WeCom corp setup', () => {
  it('stores secrets encrypted, shows them masked, and gives the callback URL', async () => {
    const corp = (await admin.get(`/api/v1/channels/wecom/corps/${corpRow}`)).json();
    expect(corp).toMatchObject({ corpId: keys.receiverId, secretMasked: '****1234', tokenMasked: '****G6eK', encodingAesKeyMasked: '****2B2C' });
    expect(corp.callbackUrl).toMatch(new RegExp(`/api/v1/channels/wecom/${corpRow}/callback$`));
    const listed = (await admin.get('/api/v1/channels/wecom/corps')).body;
    for (const secret of [corpInput.secret, keys.token, keys.encodingAesKey]) expect(listed).not.toContain(secret);
    const stored = await rows<{ s: string }>(database.db, sql`select secret_enc || token_enc || aes_key_enc as s from wecom_corps`);
    for (const secret of [corpInput.secret, keys.encodingAesKey]) expect(stored[0]!.s).not.toContain(secret);
    expect((await admin.post('/api/v1/channels/wecom/corps', corpInput)).statusCode).toBe(409);
  });

  it('documents the routes in the OpenAPI document', async () => {
    const doc = (await app.inject('/api/openapi.json')).json();
    expect(doc.paths['/api/v1/channels/wecom/corps'].post.requestBody).toBeDefined();
    expect(doc.paths['/api/v1/channels/wecom/{id}/callback'].get).toBeDefined();
  });

  it('lets only admins see or change corps', async () => {
    const op = as(app, await loginAs(app, 'op@a.test'));
    expect((await op.get('/api/v1/channels/wecom/corps')).statusCode).toBe(403);
    expect((await op.patch(`/api/v1/channels/wecom/corps/${corpRow}`, { name: 'x' })).statusCode).toBe(403);
  });

  it('tests the connection and explains a wrong secret', async () => {
    clearTokenCache();
    fake.answer('/cgi-bin/gettoken', tokenOk('TOKEN', 7200), { errcode: 40001, errmsg: 'invalid credential' });
    const ok = (await admin.post(`/api/v1/channels/wecom/corps/${corpRow}/test`)).json();
    expect(ok).toMatchObject({ ok: true, code: 0, expiresIn: 7200 });
    expect(fake.requests.at(-1)!.query.get('corpsecret')).toBe(corpInput.secret);
    const bad = (await admin.post(`/api/v1/channels/wecom/corps/${corpRow}/test`)).json();
    expect(bad).toMatchObject({ ok: false, code: 40001 });
    expect(bad.message).toMatch(/Secret/);
    expect((await admin.get(`/api/v1/channels/wecom/corps/${corpRow}`)).json().lastTest).toMatchObject({ ok: false });
  });

  it('keeps a secret left out of an edit', async () => {
    const res = await admin.patch(`/api/v1/channels/wecom/corps/${corpRow}`, { name: '改名企业' });
    expect(res.json()).toMatchObject({ name: '改名企业', agentId: '1000002', secretMasked: '****1234', tokenMasked: '****G6eK' });
    const bad = await admin.patch(`/api/v1/channels/wecom/corps/${corpRow}`, { encodingAesKey: 'too-short' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].path).toBe('encodingAesKey');
  });
});

describe('WeCom callback', () => {
  it('answers the URL check with the decrypted echostr, and refuses a forged one', async () => {
    const s = signed('echo-4711');
    const q = `${s.query}&echostr=${encodeURIComponent(s.encrypted)}`;
    const res = await app.inject({ method: 'GET', url: `/api/v1/channels/wecom/${corpRow}/callback?${q}` });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('echo-4711');
    const forged = await app.inject({ method: 'GET', url: `/api/v1/channels/wecom/${corpRow}/callback?${forge(q)}` });
    expect(forged.statusCode).toBe(403);
    const unknown = await app.inject({ method: 'GET', url: `/api/v1/channels/wecom/00000000-0000-4000-8000-000000000000/callback?${q}` });
    expect(unknown.statusCode).toBe(403);
  });

  it('turns group creation, joins and leaves into the community and member events', async () => {
    expect((await post(chatEvent('<ChangeType><![CDATA[create]]></ChangeType>'))).body).toBe('success');
    const join = chatEvent('<ChangeType><![CDATA[update]]></ChangeType><UpdateDetail><![CDATA[add_member]]></UpdateDetail><JoinScene>3</JoinScene><MemChangeCnt>2</MemChangeCnt><MemChangeList><Item>wmEXT0001</Item><Item>wmEXT0002</Item></MemChangeList><LastMemVer>v1</LastMemVer><CurMemVer>v2</CurMemVer>');
    expect((await post(join)).body).toBe('success');
    // WeCom resends the very same callback when our answer was slow: a new nonce, same event.
    const relabelled = signed(join);
    const res = await app.inject({ method: 'POST', url: `/api/v1/channels/wecom/${corpRow}/callback?${relabelled.query}`, headers: { 'content-type': 'application/octet-stream' }, payload: relabelled.body });
    expect(res.body).toBe('success');
    const leave = chatEvent('<ChangeType><![CDATA[update]]></ChangeType><UpdateDetail><![CDATA[del_member]]></UpdateDetail><QuitScene>1</QuitScene><MemChangeCnt>1</MemChangeCnt><MemChangeList><Item>wmEXT0002</Item></MemChangeList><LastMemVer>v2</LastMemVer><CurMemVer>v3</CurMemVer>');
    expect((await post(leave)).body).toBe('success');

    const events = await rows<{ type: string; data: Record<string, unknown>; ext: string }>(database.db, sql`
      select e.type, e.data, i.external_id as ext from events e join member_identities i on i.workspace_id = e.workspace_id and i.member_id = e.member_id and i.channel = 'wecom'
      order by e.type, i.external_id`);
    expect(events.map((e) => [e.type, e.ext, e.data.scene ?? e.data.reason])).toEqual([
      ['member.joined', 'wmEXT0001', 'qr_code'], ['member.joined', 'wmEXT0002', 'qr_code'], ['member.left', 'wmEXT0002', 'removed'],
    ]);
    const community = await rows<{ status: string; members: number }>(database.db, sql`
      select c.status, (select count(*)::int from memberships m where m.community_id = c.id and m.left_at is null) as members
      from communities c where c.channel = 'wecom'`);
    expect(community).toEqual([{ status: 'active', members: 1 }]);
    const log = await rows<{ kind: string }>(database.db, sql`select kind from wecom_callbacks order by received_at`);
    expect(log.map((l) => l.kind)).toEqual(['change_external_chat.create', 'change_external_chat.update.add_member', 'change_external_chat.update.del_member']);

    expect((await post(chatEvent('<ChangeType><![CDATA[dismiss]]></ChangeType>'))).body).toBe('success');
    expect((await rows<{ status: string }>(database.db, sql`select status from communities where channel = 'wecom'`))[0]!.status).toBe('dismissed');
  });

  it('records a new external contact as a custom event of that contact', async () => {
    const xml = `<xml><ToUserName><![CDATA[${keys.receiverId}]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName><CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[change_external_contact]]></Event><ChangeType><![CDATA[add_external_contact]]></ChangeType><UserID><![CDATA[zhangsan]]></UserID><ExternalUserID><![CDATA[wmEXT0009]]></ExternalUserID><State><![CDATA[poster-1]]></State><WelcomeCode><![CDATA[WC]]></WelcomeCode></xml>`;
    expect((await post(xml)).body).toBe('success');
    const [e] = await rows<{ data: Record<string, any> }>(database.db, sql`select data from events where type = 'custom'`);
    expect(e!.data).toMatchObject({ name: 'wecom.add_external_contact', properties: { staffUserId: 'zhangsan', state: 'poster-1' } });
  });

  it('refuses a bad signature, a stale timestamp, another corp\'s message and a body that is not the envelope', async () => {
    const before = (await rows<{ n: number }>(database.db, sql`select count(*)::int as n from wecom_callbacks`))[0]!.n;
    const xml = chatEvent('<ChangeType><![CDATA[update]]></ChangeType><UpdateDetail><![CDATA[add_member]]></UpdateDetail><MemChangeList><Item>wmEVIL</Item></MemChangeList><CurMemVer>x9</CurMemVer>');
    const s = signed(xml);
    const forged = await app.inject({ method: 'POST', url: `/api/v1/channels/wecom/${corpRow}/callback?${forge(s.query)}`, headers: { 'content-type': 'text/xml' }, payload: s.body });
    expect(forged.statusCode).toBe(403);
    expect((await post(xml, { timestamp: Math.floor(Date.now() / 1000) - 600 })).statusCode).toBe(403);
    expect((await post(xml, { keys: { ...keys, receiverId: 'wwsomeoneelse' } })).statusCode).toBe(403);
    const json = await app.inject({ method: 'POST', url: `/api/v1/channels/wecom/${corpRow}/callback?${s.query}`, payload: { Encrypt: s.encrypted } });
    expect(json.statusCode).toBe(403);
    expect((await rows<{ n: number }>(database.db, sql`select count(*)::int as n from wecom_callbacks`))[0]!.n).toBe(before);
  });
});
