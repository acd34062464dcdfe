import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestDatabase } from '../../../test/helpers/database.js';
import { as, loginAs, makeWorkspace, testApp } from '../../../test/helpers/app.js';
import { one, rows, sql } from '../../db/client.js';
import { withTenant, type TenantCtx } from '../../core/context.js';
import { ingestEvents } from '../../modules/tracking/ingest-events.js';
import { enqueueAction } from '../../modules/automation/enqueue-action.js';
import { dispatchActions } from '../../modules/automation/dispatch-actions.js';
import { handOverToStaff } from '../../modules/automation/tasks/hand-over-to-staff.js';
import { jobByName } from '../../jobs/definitions.js';
import { adapterFor } from '../registry.js';
import { PermanentDeliveryError } from '../types.js';
import { createCorp } from './corps.js';
import { startFakeWecom, tokenOk, type FakeWecom } from './fake-wecom.js';
import { clearTokenCache } from './api-client.js';
import { wecomAdapter } from './outbound.js';
import { pollMassMessages } from './poll-mass-messages.js';
import type { WorkspaceRow } from '../../modules/workspace/create-workspace.js';
import { setCheckInSettings } from '../../modules/growth/check-in/set-check-in-settings.js';
import { DEFAULT_CHECK_IN_SETTINGS } from '../../modules/growth/check-in/contracts.js';

const ADD = '/cgi-bin/externalcontact/add_msg_template';
const RESULT = '/cgi-bin/externalcontact/get_groupmsg_send_result';
const CANCEL = '/cgi-bin/externalcontact/cancel_groupmsg_send';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let app: FastifyInstance;
let fake: FakeWecom;
let ws: WorkspaceRow;
let corpRow: string;
const system = <T>(fn: (ctx: TenantCtx) => Promise<T>) => withTenant(database, ws, { kind: 'system', name: 'test' }, fn);

beforeAll(async () => {
  database = await createTestDatabase();
  app = await testApp(database);
  fake = await startFakeWecom();
  ws = await makeWorkspace(database, 'wecom-mass', [{ email: 'op@mass.test', role: 'operator' }]);
  corpRow = (await system((ctx) => createCorp(ctx, {
    name: '测试企业', corpId: 'wwmass0001', agentId: '1000002', secret: 'mass-secret-1234',
    token: 'QDG6eK', encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C', baseUrl: fake.baseUrl,
  }))).id;
});
afterAll(async () => { await app.close(); await fake.close(); await database.drop(); });
beforeEach(() => {
  clearTokenCache();
  fake.requests.length = 0;
  fake.answer('/cgi-bin/gettoken', tokenOk('tok-mass'));
});

let n = 0;
/** A WeCom group Shequn knows (as group sync leaves it), owned by `owner` (null: not read yet). */
async function group(owner: string | null): Promise<{ communityId: string; chatId: string }> {
  const chatId = `wrOgQhDgAAchat${++n}`;
  return system(async (ctx) => {
    await ingestEvents(ctx, [{
      id: `mass-${chatId}`, type: 'message.sent', occurredAt: '2026-11-01T00:00:00Z',
      community: { channel: 'wecom', externalId: chatId, name: `福利群 ${n}` }, member: { channel: 'wecom', externalId: `wm-u${n}`, name: '小王' }, data: { text: 'hi' },
    }]);
    const { id } = (await one<{ id: string }>(ctx.db, sql`select id from communities where workspace_id = ${ctx.workspaceId} and external_id = ${chatId}`))!;
    await ctx.db.execute(sql`insert into wecom_groups (workspace_id, corp_row_id, chat_id, community_id, owner_userid)
      values (${ctx.workspaceId}, ${corpRow}, ${chatId}, ${id}, ${owner})`);
    return { communityId: id, chatId };
  });
}

/** Queues a group send as a person would and lets the outbox hand it over, as the worker does. */
async function handedOver(communityId: string, payload: Record<string, unknown> = { text: '今晚 8 点直播，记得来！' }) {
  const action = await system((ctx) => enqueueAction(ctx, { idempotencyKey: `mass-${++n}`, kind: 'send_group', channel: 'wecom', communityId, payload }));
  await dispatchActions(database);
  return action.id;
}

const job = (actionId: string) => one<{ id: string; payload: { workspaceId: string; actionId: string } }>(database.db, sql`
  select id::text, payload from jobs where name = 'wecom.mass.create' and payload->>'actionId' = ${actionId}`);
/** Runs the queued create job through its definition, as the worker would. */
async function runCreate(actionId: string, attempts = 1, maxAttempts = 5) {
  const queued = (await job(actionId))!;
  await jobByName.get('wecom.mass.create')!.handler(database, queued.payload, { id: queued.id, attempts, maxAttempts, workerId: 'test' });
}
const massRow = (actionId: string) => system((ctx) => one<{ status: string; msgid: string | null; sender: string | null; error: string | null; note: string | null; sendTime: Date | null; lastPolledAt: Date | null }>(ctx.db, sql`
  select status, msgid, sender, error, note, send_time as "sendTime", last_polled_at as "lastPolledAt" from wecom_mass_messages where action_id = ${actionId}`));
const taskOf = (actionId: string) => system((ctx) => one<{ id: string; status: string; title: string; note: string | null }>(ctx.db, sql`
  select id, status, title, note from staff_tasks where action_id = ${actionId}`));
const actionOf = (actionId: string) => system((ctx) => one<{ status: string; sentAt: Date | null; lastError: string | null }>(ctx.db, sql`
  select status, sent_at as "sentAt", last_error as "lastError" from actions where id = ${actionId}`));
const calls = (path: string) => fake.requests.filter((r) => r.path === path);
const resultItem = (chatId: string, status: number, sendTime = 0) => ({ chat_id: chatId, userid: 'zhangsan', status, send_time: sendTime });

describe('the WeCom outbound adapter', () => {
  it('is the wecom channel\'s adapter, with group sends and member changes assisted', () => {
    expect(adapterFor('wecom')).toBe(wecomAdapter);
    expect(wecomAdapter.assisted).toEqual(expect.arrayContaining(['send_group', 'invite', 'remove']));
  });

  it('refuses to send what WeCom cannot take from Shequn, saying why', async () => {
    const action = { id: 'a', kind: 'send_private', channel: 'wecom', community: null, member: null, payload: {}, attempts: 1 };
    await expect(system((ctx) => wecomAdapter.send(ctx, action))).rejects.toBeInstanceOf(PermanentDeliveryError);
    await expect(system((ctx) => wecomAdapter.send(ctx, action))).rejects.toThrow(/staff member confirms/);
  });
});

describe('group mass messages', () => {
  it('makes the WeCom task for the group owner, polls it, and on 已发送 closes the task and marks the action sent, once', async () => {
    const g = await group('zhangsan');
    const media = [
      { type: 'image', url: 'https://cdn.example/poster.png' },
      { type: 'link', title: '直播间', url: 'https://live.example/room/8', description: '今晚 8 点' },
      { type: 'mini_program', title: '商城', appId: 'wx8bd80126147dfAAA', pagePath: 'pages/index/index' },
    ];
    const actionId = await handedOver(g.communityId, { text: '今晚 8 点直播，记得来！', media });
    expect((await actionOf(actionId))!.status).toBe('awaiting_staff');
    expect((await taskOf(actionId))!.status).toBe('open');
    expect(await job(actionId)).toBeDefined();

    fake.answer(ADD, { errcode: 0, errmsg: 'ok', fail_list: [], msgid: 'msgGCAAAXtWyujaWJHDDGi0mAAAA' });
    await runCreate(actionId);
    expect(calls(ADD)).toHaveLength(1);
    expect(calls(ADD)[0]!.body).toEqual({
      chat_type: 'group', sender: 'zhangsan', chat_id_list: [g.chatId], text: { content: '今晚 8 点直播，记得来！' },
      attachments: [
        { msgtype: 'image', image: { pic_url: 'https://cdn.example/poster.png' } },
        { msgtype: 'link', link: { title: '直播间', url: 'https://live.example/room/8', desc: '今晚 8 点' } },
      ],
    });
    expect(calls(ADD)[0]!.query.get('access_token')).toBe('tok-mass');
    expect(await massRow(actionId)).toMatchObject({ status: 'created', msgid: 'msgGCAAAXtWyujaWJHDDGi0mAAAA', sender: 'zhangsan', error: null });
    expect((await massRow(actionId))!.note).toMatch(/mini_program 商城: WeCom needs its cover uploaded/);
    expect((await taskOf(actionId))!.title).toMatch(/已建企业微信群发/);
    // A re-run job (a retry after a crash) makes no second WeCom task.
    await runCreate(actionId);
    expect(calls(ADD)).toHaveLength(1);

    // Not sent yet: nothing changes but the poll time.
    fake.answer(RESULT, { errcode: 0, errmsg: 'ok', next_cursor: '', send_list: [resultItem(g.chatId, 0)] });
    expect(await pollMassMessages(database)).toMatchObject({ polled: 1, sent: 0, failed: 0, cancelled: 0, errors: 0 });
    expect(calls(RESULT)[0]!.body).toEqual({ msgid: 'msgGCAAAXtWyujaWJHDDGi0mAAAA', userid: 'zhangsan', limit: 1000 });
    expect((await massRow(actionId))!.status).toBe('created');
    expect((await massRow(actionId))!.lastPolledAt).toBeInstanceOf(Date);
    expect((await taskOf(actionId))!.status).toBe('open');
    expect((await actionOf(actionId))!.status).toBe('awaiting_staff');

    // Sent, found on the second page of the result.
    const sentAt = 1_796_000_000;
    fake.answer(RESULT,
      { errcode: 0, errmsg: 'ok', next_cursor: 'CURSOR2', send_list: [resultItem('wrOtherChat', 1, sentAt)] },
      { errcode: 0, errmsg: 'ok', next_cursor: '', send_list: [resultItem(g.chatId, 1, sentAt)] });
    fake.requests.length = 0;
    expect(await pollMassMessages(database)).toMatchObject({ polled: 1, sent: 1 });
    expect(calls(RESULT).map((r) => r.body?.cursor)).toEqual([undefined, 'CURSOR2']);
    expect(await massRow(actionId)).toMatchObject({ status: 'sent', sendTime: new Date(sentAt * 1000) });
    expect(await taskOf(actionId)).toMatchObject({ status: 'done', note: '企业微信已确认发送' });
    const sent = (await actionOf(actionId))!;
    expect(sent.status).toBe('sent');

    // A repeated poll asks WeCom nothing and changes nothing.
    fake.requests.length = 0;
    expect(await pollMassMessages(database)).toMatchObject({ polled: 0, sent: 0 });
    expect(calls(RESULT)).toHaveLength(0);
    expect((await actionOf(actionId))!.sentAt!.getTime()).toBe(sent.sentAt!.getTime());
    const taskId = (await taskOf(actionId))!.id;
    const audits = await system((ctx) => rows<{ n: number }>(ctx.db, sql`
      select count(*)::int as n from audit_log where action = 'staff_task.completed' and target_id = ${taskId}`));
    expect(audits[0]!.n).toBe(1);
  });

  it('marks a message WeCom did not send (status 2) failed with the reason, and leaves the task for a manual send', async () => {
    const g = await group('lisi');
    const actionId = await handedOver(g.communityId);
    fake.answer(ADD, { errcode: 0, errmsg: 'ok', fail_list: [], msgid: 'msg-status-2' });
    await runCreate(actionId);
    fake.answer(RESULT, { errcode: 0, errmsg: 'ok', send_list: [resultItem(g.chatId, 2)] });
    expect(await pollMassMessages(database)).toMatchObject({ failed: 1 });
    const row = (await massRow(actionId))!;
    expect(row.status).toBe('failed');
    expect(row.error).toMatch(/not a friend of the sender \(status 2, 因客户不是好友导致发送失败\)/);
    expect(await taskOf(actionId)).toMatchObject({ status: 'open', title: expect.stringMatching(/企业微信群发失败/) });
    expect((await actionOf(actionId))!.status).toBe('awaiting_staff');
    expect(await pollMassMessages(database)).toMatchObject({ failed: 0 });
  });

  it('with the owner unknown, makes no WeCom call and the task says why', async () => {
    const g = await group(null);
    const actionId = await handedOver(g.communityId);
    await runCreate(actionId);
    expect(calls(ADD)).toHaveLength(0);
    const row = (await massRow(actionId))!;
    expect(row.status).toBe('failed');
    expect(row.error).toMatch(/group owner's WeCom userid is not known/);
    expect(await taskOf(actionId)).toMatchObject({ status: 'open', title: expect.stringMatching(/群主未知/) });
  });

  it('shows a WeCom refusal in plain words, and retries a busy WeCom until the last attempt', async () => {
    const g = await group('wangwu');
    const actionId = await handedOver(g.communityId);
    fake.answer(ADD, { errcode: -1, errmsg: 'system busy' });
    await expect(runCreate(actionId, 1)).rejects.toThrow(/could not be reached or was busy/);
    expect((await massRow(actionId))!.status).toBe('pending');
    fake.answer(ADD, { errcode: 48002, errmsg: 'api forbidden' });
    await runCreate(actionId, 2);
    const row = (await massRow(actionId))!;
    expect(row.status).toBe('failed');
    expect(row.error).toBe('the app lacks permission (48002): in 客户联系 → API, give this app access to customer contacts, and check its visible range');
    expect((await taskOf(actionId))!.title).toMatch(/企业微信群发未创建/);
    expect(calls(ADD)).toHaveLength(2);
  });

  it('fails a group WeCom lists in fail_list', async () => {
    const g = await group('zhaoliu');
    const actionId = await handedOver(g.communityId);
    fake.answer(ADD, { errcode: 0, errmsg: 'ok', fail_list: [g.chatId], msgid: 'msg-fail-list' });
    await runCreate(actionId);
    expect(await massRow(actionId)).toMatchObject({ status: 'failed', error: expect.stringMatching(/fail_list/) });
  });

  it('withdraws a message unsent for three days and dismisses its task, which cancels the action', async () => {
    const g = await group('sunqi');
    const actionId = await handedOver(g.communityId);
    fake.answer(ADD, { errcode: 0, errmsg: 'ok', msgid: 'msg-expired' });
    await runCreate(actionId);
    await system((ctx) => ctx.db.execute(sql`update wecom_mass_messages set created_at = now() - interval '4 days' where action_id = ${actionId}`));
    fake.answer(RESULT, { errcode: 0, errmsg: 'ok', send_list: [resultItem(g.chatId, 0)] });
    fake.answer(CANCEL, { errcode: 0, errmsg: 'ok' });
    expect(await pollMassMessages(database)).toMatchObject({ cancelled: 1 });
    expect(calls(CANCEL).map((r) => r.body)).toEqual([{ msgid: 'msg-expired' }]);
    expect(await massRow(actionId)).toMatchObject({ status: 'cancelled', error: 'not sent in WeCom within 3 days' });
    expect((await taskOf(actionId))!.status).toBe('dismissed');
    expect((await actionOf(actionId))!.status).toBe('cancelled');
    expect(await pollMassMessages(database)).toMatchObject({ cancelled: 0 });
    expect(calls(CANCEL)).toHaveLength(1);
  });

  it('queues the create job of a hand-over whose job never got queued', async () => {
    const g = await group('zhouba');
    const action = await system((ctx) => enqueueAction(ctx, { idempotencyKey: `mass-${++n}`, kind: 'send_group', channel: 'wecom', communityId: g.communityId, payload: { text: 'hi' } }));
    await system((ctx) => handOverToStaff(ctx, action));
    expect(await job(action.id)).toBeUndefined();
    expect(await pollMassMessages(database)).toMatchObject({ queued: 1 });
    expect(await job(action.id)).toBeDefined();
    expect(await pollMassMessages(database)).toMatchObject({ queued: 0 });
  });

  it('gives a keyword check-in in a WeCom group no bot reply: each would be a task for a person to confirm', async () => {
    const g = await group('wuyi');
    await system((ctx) => setCheckInSettings(ctx, { ...DEFAULT_CHECK_IN_SETTINGS, enabled: true, keywords: ['签到'] }));
    await system((ctx) => ingestEvents(ctx, [{
      id: 'mass-check-in-1', type: 'message.sent', occurredAt: new Date().toISOString(),
      community: { channel: 'wecom', externalId: g.chatId, name: '福利群' }, member: { channel: 'wecom', externalId: 'wm-checker', name: '小李' }, data: { text: '签到' },
    }]));
    const checkIns = await system((ctx) => rows<{ n: number }>(ctx.db, sql`select count(*)::int as n from check_ins where workspace_id = ${ctx.workspaceId}`));
    expect(checkIns[0]!.n).toBe(1);
    const replies = await system((ctx) => rows<{ n: number }>(ctx.db, sql`
      select count(*)::int as n from actions where workspace_id = ${ctx.workspaceId} and idempotency_key like 'check-in:reply:%'`));
    expect(replies[0]!.n).toBe(0);
  });

  it('lists the mass messages a page at a time, newest first', async () => {
    const op = as(app, await loginAs(app, 'op@mass.test'));
    const first = await op.get('/api/v1/channels/wecom/mass-messages?page=1&pageSize=2');
    expect(first.statusCode, first.body).toBe(200);
    const body = first.json();
    expect(body).toMatchObject({ page: 1, pageSize: 2 });
    expect(body.total).toBeGreaterThanOrEqual(6);
    expect(body.items).toHaveLength(2);
    expect(body.items[0].createdAt >= body.items[1].createdAt).toBe(true);
    const sent = await op.get('/api/v1/channels/wecom/mass-messages?status=sent');
    expect(sent.json().items.map((m: { sender: string; status: string }) => [m.sender, m.status])).toEqual([['zhangsan', 'sent']]);
    expect(sent.json().items[0]).toMatchObject({ msgid: 'msgGCAAAXtWyujaWJHDDGi0mAAAA', text: '今晚 8 点直播，记得来！', communityName: expect.stringMatching(/福利群/) });
    const bad = await op.get('/api/v1/channels/wecom/mass-messages?status=bogus');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toMatch(/status/);
  });
});
