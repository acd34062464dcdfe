import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestDatabase } from '../../../test/helpers/database.js';
import { as, loginAs, makeWorkspace, testApp } from '../../../test/helpers/app.js';
import { rows, sql } from '../../db/client.js';
import { startFakeWecom, tokenOk, type FakeWecom } from './fake-wecom.js';
import { clearTokenCache } from './api-client.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let app: FastifyInstance;
let fake: FakeWecom;
let op: ReturnType<typeof as>;
let other: ReturnType<typeof as>;
let corpRow: string;
let base: string;

const ADD = '/cgi-bin/externalcontact/group_welcome_template/add';
const EDIT = '/cgi-bin/externalcontact/group_welcome_template/edit';
const GET = '/cgi-bin/externalcontact/group_welcome_template/get';
const DEL = '/cgi-bin/externalcontact/group_welcome_template/del';
const ok = (extra: Record<string, unknown> = {}) => ({ errcode: 0, errmsg: 'ok', ...extra });
const corpInput = (corpId: string) => ({ name: '欢迎语企业', corpId, agentId: '1000002', secret: 'app-secret-abcd1234', token: 'QDG6eK', encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C' });
const calls = (path: string) => fake.requests.filter((r) => r.path === path);
const stored = () => rows<{ templateId: string; name: string }>(database.db, sql`select template_id as "templateId", name from wecom_welcome_templates order by created_at`);
const link = { kind: 'link', title: '新人必读', url: 'https://shequn.example/guide', picUrl: 'https://shequn.example/cover.png', desc: '群规与福利' };

beforeAll(async () => {
  database = await createTestDatabase();
  app = await testApp(database);
  fake = await startFakeWecom();
  await makeWorkspace(database, 'welcome-a', [{ email: 'admin@wa.test', role: 'admin' }, { email: 'op@wa.test', role: 'operator' }, { email: 'an@wa.test', role: 'analyst' }]);
  await makeWorkspace(database, 'welcome-b', [{ email: 'admin@wb.test', role: 'admin' }]);
  const admin = as(app, await loginAs(app, 'admin@wa.test'));
  op = as(app, await loginAs(app, 'op@wa.test'));
  other = as(app, await loginAs(app, 'admin@wb.test'));
  const res = await admin.post('/api/v1/channels/wecom/corps', { ...corpInput('wwwelcome0001'), baseUrl: fake.baseUrl });
  expect(res.statusCode, res.body).toBe(201);
  corpRow = res.json().id;
  base = `/api/v1/channels/wecom/corps/${corpRow}/welcome-templates`;
});
afterAll(async () => { await app.close(); await fake.close(); await database.drop(); });
beforeEach(async () => {
  clearTokenCache();
  fake.requests.length = 0;
  fake.answer('/cgi-bin/gettoken', tokenOk('TOKEN'));
  await database.db.execute(sql`delete from wecom_welcome_templates`);
});

describe('WeCom group welcome templates', () => {
  it('adds the template at WeCom with the documented body and stores its template_id', async () => {
    fake.answer(ADD, ok({ template_id: 'msgTEMPLATE1' }));
    const res = await op.post(base, { name: '新人欢迎', text: { content: '欢迎 %NICKNAME% 入群!' }, attachment: link, notify: false });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ templateId: 'msgTEMPLATE1', name: '新人欢迎', text: { content: '欢迎 %NICKNAME% 入群!' }, attachment: link, notify: false, lastPulledAt: null });
    const [sent] = calls(ADD);
    expect(sent!.query.get('access_token')).toBe('TOKEN');
    expect(sent!.body).toEqual({
      text: { content: '欢迎 %NICKNAME% 入群!' },
      link: { title: '新人必读', url: 'https://shequn.example/guide', picurl: 'https://shequn.example/cover.png', desc: '群规与福利' },
      notify: 0,
    });
    expect(await stored()).toEqual([{ templateId: 'msgTEMPLATE1', name: '新人欢迎' }]);
  });

  it('sends only the kind chosen: an image by pic_url, a mini program with its cover media id', async () => {
    fake.answer(ADD, ok({ template_id: 'msgIMG' }), ok({ template_id: 'msgMINI' }));
    expect((await op.post(base, { name: '图片', attachment: { kind: 'image', picUrl: 'https://p.qpic.cn/pic_wework/1/a/0' } })).statusCode).toBe(201);
    const mini = { kind: 'miniprogram', title: '领券', picMediaId: 'MEDIA_ID', appid: 'wx8bd80126147dfAAA', page: '/pages/coupon' };
    expect((await op.post(base, { name: '小程序', text: { content: 'hi' }, attachment: mini })).statusCode).toBe(201);
    expect(calls(ADD).map((r) => r.body)).toEqual([
      { image: { pic_url: 'https://p.qpic.cn/pic_wework/1/a/0' }, notify: 1 },
      { text: { content: 'hi' }, miniprogram: { title: '领券', pic_media_id: 'MEDIA_ID', appid: 'wx8bd80126147dfAAA', page: '/pages/coupon' }, notify: 1 },
    ]);
  });

  it('names the field that is wrong and calls WeCom for none of them', async () => {
    const cases: [unknown, string, RegExp][] = [
      [{ name: 'x', text: { content: '欢'.repeat(1001) } }, 'text.content', /3000 bytes/],
      [{ name: 'x', text: { content: 'a'.repeat(3000) } }, '', /./], // exactly 3000 bytes is allowed
      [{ name: 'x', attachment: { kind: 'link', title: 't' } }, 'attachment.url', /./],
      [{ name: 'x', attachment: { kind: 'link', title: 't', url: 'javascript:alert(1)' } }, 'attachment.url', /http/],
      [{ name: 'x', attachment: { kind: 'miniprogram', title: 't', picMediaId: 'm', appid: 'nope', page: '/p' } }, 'attachment.appid', /appid/],
      [{ name: 'x', attachment: { kind: 'video', mediaId: 'm' } }, 'attachment.kind', /./],
      [{ name: 'x' }, 'text', /text or an attachment/],
      [{ name: '', text: { content: 'hi' } }, 'name', /empty/],
    ];
    fake.answer(ADD, ok({ template_id: 'msgLONG' }));
    for (const [body, path, words] of cases) {
      const res = await op.post(base, body);
      if (!path) { expect(res.statusCode, res.body).toBe(201); continue; }
      expect(res.statusCode, `${path}: ${res.body}`).toBe(400);
      expect(res.json().error.fields[0].path, res.body).toBe(path);
      expect(res.json().error.message, res.body).toMatch(words);
    }
    expect(calls(ADD)).toHaveLength(1);
  });

  it('writes nothing when WeCom refuses, and says why in plain words', async () => {
    fake.answer(ADD, { errcode: 60011, errmsg: 'no privilege to access/modify contact/party/agent' });
    const res = await op.post(base, { name: '被拒', text: { content: 'hi' } });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toMatch(/^WeCom refused: .*permission/);
    expect(await stored()).toEqual([]);
  });

  it('deletes the template at WeCom again when storing it fails', async () => {
    fake.answer(ADD, ok({ template_id: 'msgDUP' }));
    fake.answer(DEL, ok());
    expect((await op.post(base, { name: '第一', text: { content: 'hi' } })).statusCode).toBe(201);
    // WeCom handing out the same id twice makes the insert fail on the unique key.
    const res = await op.post(base, { name: '第二', text: { content: 'hi' } });
    expect(res.statusCode).toBe(500);
    expect(calls(DEL).map((r) => r.body)).toEqual([{ template_id: 'msgDUP' }]);
    expect((await stored()).map((r) => r.name)).toEqual(['第一']);
  });

  it('edits at WeCom with the template_id, then the row; a refused edit changes nothing', async () => {
    fake.answer(ADD, ok({ template_id: 'msgEDIT' }));
    const id = (await op.post(base, { name: '旧', text: { content: '旧的' } })).json().id;
    fake.answer(EDIT, ok());
    const res = await op.put(`${base}/${id}`, { name: '新', text: { content: '新的 %NICKNAME%' }, attachment: { kind: 'image', picUrl: 'https://p.qpic.cn/x/0' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ name: '新', text: { content: '新的 %NICKNAME%' }, attachment: { kind: 'image' } });
    expect(calls(EDIT)[0]!.body).toEqual({ template_id: 'msgEDIT', text: { content: '新的 %NICKNAME%' }, image: { pic_url: 'https://p.qpic.cn/x/0' } });

    fake.answer(EDIT, { errcode: 41001, errmsg: 'template not created by this app' });
    const refused = await op.put(`${base}/${id}`, { name: '再改', text: { content: '不会存' } });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toMatch(/41001/);
    expect((await op.get(`${base}/${id}`)).json()).toMatchObject({ name: '新', text: { content: '新的 %NICKNAME%' } });
  });

  it('refreshes from WeCom on ?refresh=1 and records when', async () => {
    fake.answer(ADD, ok({ template_id: 'msgPULL' }));
    const id = (await op.post(base, { name: '拉取', text: { content: '本地' } })).json().id;
    fake.answer(GET, ok({ text: { content: 'WeCom 上的 %NICKNAME%' }, link: { title: 'T', picurl: '', desc: '', url: 'https://shequn.example/l' } }));
    expect((await op.get(`${base}/${id}`)).json().lastPulledAt).toBeNull();
    expect(calls(GET)).toHaveLength(0);
    const res = await op.get(`${base}/${id}?refresh=1`);
    expect(res.statusCode, res.body).toBe(200);
    expect(calls(GET)[0]!.body).toEqual({ template_id: 'msgPULL' });
    expect(res.json()).toMatchObject({ text: { content: 'WeCom 上的 %NICKNAME%' }, attachment: { kind: 'link', title: 'T', url: 'https://shequn.example/l', picUrl: null, desc: null } });
    expect(res.json().lastPulledAt).not.toBeNull();
  });

  it('keeps the stored attachment when WeCom holds one Shequn cannot show, and says a template gone at WeCom is gone', async () => {
    fake.answer(ADD, ok({ template_id: 'msgFILE' }));
    const id = (await op.post(base, { name: '文件', text: { content: '旧' }, attachment: { kind: 'image', picUrl: 'https://p.qpic.cn/y/0' } })).json().id;
    fake.answer(GET, ok({ text: { content: '新' }, file: { media_id: 'FILE_MEDIA' } }), { errcode: 40037, errmsg: 'invalid template_id' });
    const pulled = (await op.get(`${base}/${id}?refresh=1`)).json();
    expect(pulled).toMatchObject({ text: { content: '新' }, attachment: { kind: 'image', picUrl: 'https://p.qpic.cn/y/0' } });
    const gone = await op.get(`${base}/${id}?refresh=1`);
    expect(gone.statusCode).toBe(409);
    expect(gone.json().error.message).toMatch(/no longer has template msgFILE/);
    expect((await stored()).map((r) => r.name)).toEqual(['文件']);
  });

  it('deletes at WeCom then the row, and still deletes a row whose template is gone at WeCom', async () => {
    fake.answer(ADD, ok({ template_id: 'msgDEL1' }), ok({ template_id: 'msgDEL2' }), ok({ template_id: 'msgDEL3' }));
    const ids: string[] = [];
    for (const n of ['一', '二', '三']) ids.push((await op.post(base, { name: n, text: { content: n } })).json().id);
    fake.answer(DEL, ok(), { errcode: 40037, errmsg: 'invalid template_id' }, { errcode: 60011, errmsg: 'no privilege' });
    expect((await op.delete(`${base}/${ids[0]}`)).statusCode).toBe(204);
    expect((await op.delete(`${base}/${ids[1]}`)).statusCode).toBe(204);
    const refused = await op.delete(`${base}/${ids[2]}`);
    expect(refused.statusCode).toBe(409);
    expect(calls(DEL).map((r) => r.body!.template_id)).toEqual(['msgDEL1', 'msgDEL2', 'msgDEL3']);
    expect((await stored()).map((r) => r.name)).toEqual(['三']);
  });

  it('keeps another workspace out: its corp and its templates are not found', async () => {
    fake.answer(ADD, ok({ template_id: 'msgMINE' }));
    const id = (await op.post(base, { name: '我的', text: { content: 'hi' } })).json().id;
    const otherCorp = (await other.post('/api/v1/channels/wecom/corps', { ...corpInput('wwwelcome0002'), baseUrl: fake.baseUrl })).json().id;
    fake.requests.length = 0;
    for (const res of [await other.get(base), await other.get(`${base}/${id}`), await other.get(`${base}/${id}?refresh=1`),
      await other.put(`${base}/${id}`, { name: 'x', text: { content: 'x' } }), await other.delete(`${base}/${id}`),
      await other.post(base, { name: 'x', text: { content: 'x' } })]) {
      expect(res.statusCode, res.body).toBe(404);
    }
    // Its own corp, with our template's id, finds nothing either.
    expect((await other.get(`/api/v1/channels/wecom/corps/${otherCorp}/welcome-templates/${id}`)).statusCode).toBe(404);
    expect((await other.get(`/api/v1/channels/wecom/corps/${otherCorp}/welcome-templates`)).json().total).toBe(0);
    expect(fake.requests).toEqual([]);
    expect((await stored()).map((r) => r.name)).toEqual(['我的']);
  });

  it('lists newest first, a page at a time', async () => {
    fake.answer(ADD, ...Array.from({ length: 5 }, (_, i) => ok({ template_id: `msgPAGE${i}` })));
    for (let i = 0; i < 5; i++) expect((await op.post(base, { name: `模板${i}`, text: { content: `第${i}条` } })).statusCode).toBe(201);
    const first = (await op.get(`${base}?pageSize=2`)).json();
    expect(first).toMatchObject({ total: 5, page: 1, pageSize: 2 });
    expect(first.items.map((t: { name: string }) => t.name)).toEqual(['模板4', '模板3']);
    const last = (await op.get(`${base}?page=3&pageSize=2`)).json();
    expect(last.items.map((t: { name: string }) => t.name)).toEqual(['模板0']);
    expect((await op.get(`${base}?pageSize=500`)).statusCode).toBe(400);
  });

  it('is for operators and up: an analyst can neither read nor write', async () => {
    const analyst = as(app, await loginAs(app, 'an@wa.test'));
    expect((await analyst.get(base)).statusCode).toBe(403);
    expect((await analyst.post(base, { name: 'x', text: { content: 'x' } })).statusCode).toBe(403);
  });
});
