import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestDatabase } from '../../../test/helpers/database.js';
import { as, loginAs, makeWorkspace, testApp } from '../../../test/helpers/app.js';
import { one, rows, sql } from '../../db/client.js';
import { enqueueJob } from '../../jobs/queue.js';
import { workOnce } from '../../jobs/runner.js';
import type { WorkspaceRow } from '../../modules/workspace/create-workspace.js';
import { clearTokenCache } from './api-client.js';
import { encrypt, signature } from './crypto.js';
import { startFakeWecom, tokenOk, type FakeWecom } from './fake-wecom.js';
import { syncGroups } from './sync-groups.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let app: FastifyInstance;
let fake: FakeWecom;
let admin: ReturnType<typeof as>;
let ws: WorkspaceRow;

const keys = { token: 'QDG6eK', encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C' };
const LIST = '/cgi-bin/externalcontact/groupchat/list';
const GET = '/cgi-bin/externalcontact/groupchat/get';

async function newCorp(corpId: string): Promise<string> {
  const res = await admin.post('/api/v1/channels/wecom/corps', { name: corpId, corpId, agentId: '1000002', secret: `secret-${corpId}`, token: keys.token, encodingAesKey: keys.encodingAesKey, baseUrl: fake.baseUrl });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

type M = { userid: string; type?: number; join_time?: number; join_scene?: number; unionid?: string; state?: string; group_nickname?: string; name?: string; invitor?: { userid: string } };
/** groupchat/get's documented answer (path/92122). */
const detail = (chatId: string, name: string, owner: string, members: M[], notice = '') => ({
  errcode: 0, errmsg: 'ok',
  group_chat: {
    chat_id: chatId, name, owner, create_time: 1_700_000_000, notice,
    member_list: members.map((m) => ({ type: 2, join_time: 1_700_000_100, join_scene: 3, group_nickname: '', name: m.userid, ...m })),
    admin_list: [], member_version: `v-${members.length}`,
  },
});
const page = (ids: string[], next: string) => ({ errcode: 0, errmsg: 'ok', group_chat_list: ids.map((chat_id) => ({ chat_id, status: 0 })), next_cursor: next });

/** A jobs row for the handler to report progress on, under a name no worker claims. */
async function job(name: string, payload: object) {
  const id = await enqueueJob(database, `test.${name}`, payload, { singletonKey: `test:${randomBytes(6).toString('hex')}` });
  return { id: id!, attempts: 1, maxAttempts: 5, workerId: 'test' };
}
const listCursors = () => fake.requests.filter((r) => r.path === LIST).map((r) => r.body?.cursor);
const syncRow = (corp: string) => one<Record<string, any>>(database.db, sql`select * from wecom_syncs where corp_row_id = ${corp} order by started_at desc limit 1`);
const communityOf = (chatId: string) => one<{ id: string; name: string; status: string }>(database.db, sql`select id, name, status from communities where channel = 'wecom' and external_id = ${chatId}`);
const present = (chatId: string) => rows<{ ext: string }>(database.db, sql`
  select i.external_id as ext from memberships ms join communities c on c.workspace_id = ms.workspace_id and c.id = ms.community_id
  join member_identities i on i.workspace_id = ms.workspace_id and i.member_id = ms.member_id and i.channel = 'wecom'
  where c.external_id = ${chatId} and ms.left_at is null order by 1`).then((r) => r.map((x) => x.ext));
const eventCount = async () => (await one<{ n: number }>(database.db, sql`select count(*)::int as n from events`))!.n;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await testApp(database);
  fake = await startFakeWecom();
  ws = await makeWorkspace(database, 'wecom-sync', [{ email: 'admin@s.test', role: 'admin' }, { email: 'op@s.test', role: 'operator' }]);
  admin = as(app, await loginAs(app, 'admin@s.test'));
});
afterAll(async () => { await app.close(); await fake.close(); await database.drop(); });
beforeEach(() => { clearTokenCache(); fake.requests.length = 0; fake.answer('/cgi-bin/gettoken', tokenOk('TOKEN')); });

describe('WeCom group sync', () => {
  it('pages groupchat/list by cursor over three pages and writes every group', async () => {
    const corp = await newCorp('wwpaging');
    fake.answer(LIST, page(['wrP1', 'wrP2'], 'c2'), page(['wrP3'], 'c3'), page(['wrP4'], ''));
    fake.answer(GET,
      detail('wrP1', '福利一群', 'zhangsan', [{ userid: 'zhangsan', type: 1, join_scene: 1 }, { userid: 'wmA', unionid: 'uA', state: 'spring-code', group_nickname: '阿A' }], '群公告'),
      detail('wrP2', '福利二群', 'lisi', [{ userid: 'wmB', invitor: { userid: 'lisi' }, join_scene: 1 }]),
      detail('wrP3', '福利三群', 'lisi', []),
      detail('wrP4', '福利四群', 'wangwu', [{ userid: 'wmC' }]));
    const info = await job('wecom.groups.sync', {});
    await syncGroups(database, { workspaceId: ws.id, corpRowId: corp, mode: 'full' }, info);

    expect(listCursors()).toEqual(['', 'c2', 'c3']);
    expect(fake.requests.find((r) => r.path === LIST)!.body).toEqual({ status_filter: 0, cursor: '', limit: 100 });
    expect(fake.requests.filter((r) => r.path === GET).map((r) => r.body)).toEqual(['wrP1', 'wrP2', 'wrP3', 'wrP4'].map((chat_id) => ({ chat_id, need_name: 1 })));
    const groups = await rows(database.db, sql`select g.chat_id, g.owner_userid, g.name, g.notice, g.member_count, c.name as community
      from wecom_groups g join communities c on c.workspace_id = g.workspace_id and c.id = g.community_id where g.corp_row_id = ${corp} order by g.chat_id`);
    expect(groups).toEqual([
      { chat_id: 'wrP1', owner_userid: 'zhangsan', name: '福利一群', notice: '群公告', member_count: 2, community: '福利一群' },
      { chat_id: 'wrP2', owner_userid: 'lisi', name: '福利二群', notice: '', member_count: 1, community: '福利二群' },
      { chat_id: 'wrP3', owner_userid: 'lisi', name: '福利三群', notice: '', member_count: 0, community: '福利三群' },
      { chat_id: 'wrP4', owner_userid: 'wangwu', name: '福利四群', notice: '', member_count: 1, community: '福利四群' },
    ]);
    expect(await syncRow(corp)).toMatchObject({ status: 'done', mode: 'full', pages: 3, groups_seen: 4, groups_fetched: 4, members_joined: 4, members_left: 0, cursor: '' });
    const progress = await one<{ progress: Record<string, number> }>(database.db, sql`select progress from jobs where id = ${info.id}::bigint`);
    expect(progress!.progress).toMatchObject({ pages: 3, groupsSeen: 4 });

    const joinA = await one<{ data: Record<string, unknown>; occurredAt: Date; union: string; name: string }>(database.db, sql`
      select e.data, e.occurred_at as "occurredAt", i.union_id as union, m.display_name as name from events e
      join member_identities i on i.workspace_id = e.workspace_id and i.member_id = e.member_id and i.channel = 'wecom' and i.external_id = 'wmA'
      join members m on m.workspace_id = e.workspace_id and m.id = e.member_id where e.type = 'member.joined'`);
    expect(joinA).toMatchObject({ union: 'uA', name: '阿A', data: { liveCode: 'spring-code', scene: 'qr_code', source: 'sync' } });
    expect(joinA!.occurredAt.toISOString()).toBe(new Date(1_700_000_100_000).toISOString());
    const owner = await one<{ role: string }>(database.db, sql`select ms.role from memberships ms join member_identities i on i.workspace_id = ms.workspace_id and i.member_id = ms.member_id
      where i.external_id = 'zhangsan' and ms.community_id = ${(await communityOf('wrP1'))!.id}`);
    expect(owner!.role).toBe('owner');
  });

  it('resumes at the saved cursor after a failure on page 2, without reading page 1 again', async () => {
    const corp = await newCorp('wwresume');
    fake.answer(LIST, page(['wrR1'], 'r2'), { errcode: -1, errmsg: 'system busy' }, page(['wrR2'], 'r3'), page(['wrR3'], ''));
    fake.answer(GET, detail('wrR1', '一群', 'o1', [{ userid: 'wmR1' }]), detail('wrR2', '二群', 'o1', [{ userid: 'wmR2' }]), detail('wrR3', '三群', 'o1', [{ userid: 'wmR3' }]));
    const first = await job('wecom.groups.sync', {});
    await expect(syncGroups(database, { workspaceId: ws.id, corpRowId: corp, mode: 'full' }, first)).rejects.toThrow(/system busy/);
    expect(await syncRow(corp)).toMatchObject({ status: 'running', cursor: 'r2', pages: 1, groups_seen: 1, members_joined: 1 });
    expect((await syncRow(corp))!.error).toMatch(/system busy/);

    await syncGroups(database, { workspaceId: ws.id, corpRowId: corp, mode: 'full' }, { ...first, attempts: 2 });
    expect(listCursors()).toEqual(['', 'r2', 'r2', 'r3']);
    expect(fake.requests.filter((r) => r.path === GET).map((r) => r.body!.chat_id)).toEqual(['wrR1', 'wrR2', 'wrR3']);
    expect(await syncRow(corp)).toMatchObject({ status: 'done', pages: 3, groups_seen: 3, members_joined: 3, error: null });
    expect((await rows(database.db, sql`select 1 from wecom_syncs where corp_row_id = ${corp}`)).length).toBe(1);
  });

  it('skips a group WeCom refuses to read on its own and goes on, but stops at once when the corp lacks permission', async () => {
    const corp = await newCorp('wwskip');
    const run = async () => syncGroups(database, { workspaceId: ws.id, corpRowId: corp, mode: 'full' }, await job('wecom.groups.sync', {}));
    fake.answer(LIST, page(['wrS1', 'wrS2'], ''));
    fake.answer(GET, detail('wrS1', '一群', 'o3', [{ userid: 'wmS1' }]), detail('wrS2', '二群', 'o3', [{ userid: 'wmS2' }]));
    await run();
    expect((await communityOf('wrS2'))!.status).toBe('active');

    // wrS1 went between list and get: WeCom refuses that one chat id; the sync reads wrS2 and finishes.
    fake.answer(LIST, page(['wrS1', 'wrS2', 'wrS3'], ''));
    fake.answer(GET, { errcode: 40050, errmsg: 'chatid not found' }, detail('wrS2', '二群改名', 'o3', [{ userid: 'wmS2' }]), detail('wrS3', '三群', 'o3', []));
    await run();
    const skipped = await syncRow(corp);
    expect(skipped).toMatchObject({ status: 'done', groups_seen: 3, groups_fetched: 2, groups_skipped: 1, groups_dismissed: 0 });
    expect(skipped!.skipped).toMatch(/^wrS1: .*40050/);
    expect((await communityOf('wrS1'))!.status).toBe('active'); // listed, so not dismissed for a failed read
    expect((await communityOf('wrS2'))!.name).toBe('二群改名');
    const listed = await admin.get(`/api/v1/channels/wecom/corps/${corp}/syncs`);
    expect(listed.json().items[0]).toMatchObject({ groupsSkipped: 1, skipped: expect.stringMatching(/^wrS1: /) });

    // No permission is the corp's problem, not the group's: the sync fails with WeCom's reason in plain words.
    fake.answer(LIST, page(['wrS1', 'wrS2'], ''));
    fake.answer(GET, { errcode: 48002, errmsg: 'api forbidden' });
    await run();
    expect(await syncRow(corp)).toMatchObject({ status: 'failed', groups_skipped: 0 });
    expect((await syncRow(corp))!.error).toMatch(/permission/);
  });

  it('diffs members into joins and leaves once, dismisses groups gone from WeCom, and a re-run creates nothing', async () => {
    const corp = await newCorp('wwdiff');
    const run = async (mode: 'full' | 'incremental' = 'full') => syncGroups(database, { workspaceId: ws.id, corpRowId: corp, mode }, await job('wecom.groups.sync', {}));
    fake.answer(LIST, page(['wrD1', 'wrD2'], ''));
    fake.answer(GET, detail('wrD1', '老群', 'o2', [{ userid: 'wmX' }, { userid: 'wmY' }]), detail('wrD2', '将散群', 'o2', [{ userid: 'wmZ' }]));
    await run();
    expect(await present('wrD1')).toEqual(['wmX', 'wmY']);

    // wmX left and wmW joined in WeCom while no callback arrived; wrD2 was dismissed there.
    fake.answer(LIST, page(['wrD1'], ''));
    fake.answer(GET, detail('wrD1', '老群', 'o2', [{ userid: 'wmY' }, { userid: 'wmW', join_time: 1_700_000_500 }]));
    await run();
    expect(await present('wrD1')).toEqual(['wmW', 'wmY']);
    expect(await syncRow(corp)).toMatchObject({ members_joined: 1, members_left: 1, groups_dismissed: 1 });
    expect((await communityOf('wrD2'))!.status).toBe('dismissed');

    const before = await eventCount();
    await run();
    expect(await eventCount()).toBe(before);
    expect(await syncRow(corp)).toMatchObject({ status: 'done', members_joined: 0, members_left: 0, groups_dismissed: 0 });

    // Incremental reads only groups Shequn does not know yet.
    fake.requests.length = 0;
    fake.answer(LIST, page(['wrD1', 'wrD3'], ''));
    fake.answer(GET, detail('wrD3', '新群', 'o2', [{ userid: 'wmV' }]));
    await run('incremental');
    expect(fake.requests.filter((r) => r.path === GET).map((r) => r.body!.chat_id)).toEqual(['wrD3']);
    expect(await syncRow(corp)).toMatchObject({ mode: 'incremental', groups_seen: 2, groups_fetched: 1, groups_dismissed: 0 });
    expect((await communityOf('wrD1'))!.status).toBe('active');
  });

  it('keeps an operator\'s name for a group WeCom did not rename, and takes WeCom\'s new name when it did', async () => {
    const corp = await newCorp('wwrename');
    fake.answer(LIST, page(['wrN1'], ''));
    fake.answer(GET, detail('wrN1', '原名', 'o3', []));
    await syncGroups(database, { workspaceId: ws.id, corpRowId: corp, mode: 'full' }, await job('wecom.groups.sync', {}));
    await database.db.execute(sql`update communities set name = '运营改的名' where external_id = 'wrN1'`);
    await syncGroups(database, { workspaceId: ws.id, corpRowId: corp, mode: 'full' }, await job('wecom.groups.sync', {}));
    expect((await communityOf('wrN1'))!.name).toBe('运营改的名');
    fake.answer(GET, detail('wrN1', '企微新名', 'o3', []));
    await syncGroups(database, { workspaceId: ws.id, corpRowId: corp, mode: 'full' }, await job('wecom.groups.sync', {}));
    expect((await communityOf('wrN1'))!.name).toBe('企微新名');
  });

  it('refreshes a group after a change_name callback and gives a callback-created group its wecom_groups row', async () => {
    const corpId = 'wwcallback';
    const corp = await newCorp(corpId);
    const chatId = 'wrCB1';
    const post = (fields: string) => {
      const xml = `<xml><ToUserName><![CDATA[${corpId}]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName><CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[change_external_chat]]></Event><ChatId><![CDATA[${chatId}]]></ChatId>${fields}</xml>`;
      const encrypted = encrypt({ ...keys, receiverId: corpId }, xml);
      const timestamp = String(Math.floor(Date.now() / 1000));
      const nonce = randomBytes(5).toString('hex');
      const q = new URLSearchParams({ msg_signature: signature(keys.token, timestamp, nonce, encrypted), timestamp, nonce });
      return app.inject({ method: 'POST', url: `/api/v1/channels/wecom/${corp}/callback?${q}`, headers: { 'content-type': 'text/xml' },
        payload: `<xml><ToUserName><![CDATA[${corpId}]]></ToUserName><Encrypt><![CDATA[${encrypted}]]></Encrypt></xml>` });
    };
    expect((await post('<ChangeType><![CDATA[create]]></ChangeType>')).body).toBe('success');
    const row = await one<{ synced: Date | null; community: string }>(database.db, sql`select g.synced_at as synced, c.name as community from wecom_groups g
      join communities c on c.workspace_id = g.workspace_id and c.id = g.community_id where g.corp_row_id = ${corp} and g.chat_id = ${chatId}`);
    expect(row).toEqual({ synced: null, community: chatId });

    fake.answer(GET, detail(chatId, '创建后的名字', 'o4', [{ userid: 'wmQ' }]), detail(chatId, '改过的名字', 'o5', [{ userid: 'wmQ' }], '新公告'));
    expect(await workOnce(database, 'test-worker', undefined, 'quick')).toBe(1);
    expect((await communityOf(chatId))!.name).toBe('创建后的名字');

    const rename = '<ChangeType><![CDATA[update]]></ChangeType><UpdateDetail><![CDATA[change_name]]></UpdateDetail>';
    expect((await post(rename)).body).toBe('success');
    const queued = await rows<{ payload: Record<string, string> }>(database.db, sql`select payload from jobs where name = 'wecom.group.refresh' and status = 'queued'`);
    expect(queued.map((q) => q.payload)).toEqual([{ workspaceId: ws.id, corpRowId: corp, chatId }]);
    expect(await workOnce(database, 'test-worker', undefined, 'quick')).toBe(1);
    expect((await communityOf(chatId))!.name).toBe('改过的名字');
    expect(await one(database.db, sql`select owner_userid, notice, member_count from wecom_groups where chat_id = ${chatId}`)).toEqual({ owner_userid: 'o5', notice: '新公告', member_count: 1 });
    expect(await present(chatId)).toEqual(['wmQ']);
  });
});

describe('WeCom group sync routes', () => {
  it('starts one sync per corp, lists syncs with progress, and runs the queued job', async () => {
    const corp = await newCorp('wwroutes');
    const started = await admin.post(`/api/v1/channels/wecom/corps/${corp}/sync`, { mode: 'full' });
    expect(started.statusCode, started.body).toBe(201);
    expect(started.json()).toMatchObject({ status: 'running', mode: 'full', corpRowId: corp, groupsSeen: 0 });
    const again = await admin.post(`/api/v1/channels/wecom/corps/${corp}/sync`, { mode: 'incremental' });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(started.json().id);
    const bad = await admin.post(`/api/v1/channels/wecom/corps/${corp}/sync`, { mode: 'everything' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].path).toBe('mode');
    const op = as(app, await loginAs(app, 'op@s.test'));
    expect((await op.post(`/api/v1/channels/wecom/corps/${corp}/sync`, { mode: 'full' })).statusCode).toBe(403);
    expect((await admin.get('/api/v1/channels/wecom/corps/00000000-0000-4000-8000-000000000000/syncs')).statusCode).toBe(404);

    fake.answer(LIST, page(['wrJ1'], ''));
    fake.answer(GET, detail('wrJ1', '路由群', 'o6', [{ userid: 'wmJ' }]));
    expect(await workOnce(database, 'test-long', undefined, 'long')).toBe(1);
    const listed = (await admin.get(`/api/v1/channels/wecom/corps/${corp}/syncs?pageSize=5`)).json();
    expect(listed).toMatchObject({ total: 1, page: 1, pageSize: 5 });
    expect(listed.items[0]).toMatchObject({ id: started.json().id, status: 'done', groupsSeen: 1, membersJoined: 1 });
    expect((await admin.post(`/api/v1/channels/wecom/corps/${corp}/sync`, { mode: 'incremental' })).statusCode).toBe(201);
  });
});
