import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeWorkspace } from '../helpers/app.js';
import { rows, sql } from '../../src/db/client.js';
import { workOnce } from '../../src/jobs/runner.js';
import { startFakeWecom, tokenOk, type FakeWecom } from '../../src/channels/wecom/fake-wecom.js';
import { consolePage, haveChromium, openStage, signIn, warnIfNoChromium, type Stage } from './harness.js';

warnIfNoChromium('WeCom page tests');

const LIST = '/cgi-bin/externalcontact/groupchat/list';
const GET = '/cgi-bin/externalcontact/groupchat/get';
const ADD = '/cgi-bin/externalcontact/group_welcome_template/add';
const CORPS = '/api/v1/channels/wecom/corps';

/** groupchat/get's documented answer (path/92122), one member besides the owner. */
const detail = (chatId: string, name: string, owner: string, member: string) => ({
  errcode: 0, errmsg: 'ok',
  group_chat: {
    chat_id: chatId, name, owner, create_time: 1_700_000_000, notice: '',
    member_list: [
      { userid: owner, type: 1, join_time: 1_700_000_000, join_scene: 1, group_nickname: '', name: owner },
      { userid: member, type: 2, join_time: 1_700_000_100, join_scene: 3, group_nickname: '', name: member },
    ],
    admin_list: [], member_version: 'v-2',
  },
});

describe.skipIf(!haveChromium)('企业微信 in the console, in Chromium', () => {
  let stage: Stage;
  let fake: FakeWecom;

  beforeAll(async () => {
    stage = await openStage();
    fake = await startFakeWecom();
    fake.answer('/cgi-bin/gettoken', tokenOk('E2E_TOKEN'));
    await makeWorkspace(stage.database, 'e2e-wecom', [{ email: 'owner@e2e-wecom.test', role: 'owner' }]);
  }, 180_000);
  afterAll(async () => { await stage?.close(); await fake?.close(); });

  it('connects a corp, tests it, syncs its groups into communities and adds a welcome template at WeCom', async () => {
    const { page, failed } = await consolePage(stage);
    await signIn(page, stage.base, 'owner@e2e-wecom.test');
    await page.getByTestId('nav-wecom').click();
    await page.waitForURL((url) => url.pathname === '/wecom');

    // 1. Connect a corp through the form, pointing its API address at the fake.
    await page.getByTestId('wecom-add').click();
    const form = page.locator('.ant-modal', { has: page.getByTestId('wecom-corp-id') });
    await form.waitFor();
    await form.getByTestId('wecom-name').fill('幸福里社区');
    await form.getByTestId('wecom-corp-id').fill('wwe2ecorp0001');
    await form.getByTestId('wecom-agent-id').fill('1000002');
    await form.getByTestId('wecom-secret').fill('app-secret-e2e-abcd1234');
    await form.getByTestId('wecom-token').fill('QDG6eK');
    await form.getByTestId('wecom-aes-key').fill('jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C');
    await form.getByTestId('wecom-base-url').fill(fake.baseUrl);
    const [created] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(CORPS) && r.request().method() === 'POST', { timeout: 30_000 }),
      form.getByTestId('wecom-save').click(),
    ]);
    expect(created.status(), await created.text()).toBe(201);
    const corpRowId = (await created.json()).id as string;
    await form.waitFor({ state: 'hidden', timeout: 30_000 });
    const card = page.getByTestId('wecom-corp-wwe2ecorp0001');
    await card.getByTestId('wecom-callback-url').filter({ hasText: `${stage.base}/api/v1/channels/wecom/${corpRowId}/callback` }).waitFor({ timeout: 30_000 });
    expect(await card.textContent()).toContain(fake.baseUrl);

    // 2. 测试连接: the fake hands out a token, so the card says connected.
    const [tested] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`${CORPS}/${corpRowId}/test`), { timeout: 30_000 }),
      card.getByTestId('wecom-test').click(),
    ]);
    expect(await tested.json()).toMatchObject({ ok: true });
    await card.getByTestId('wecom-test-result').filter({ hasText: '连接成功' }).waitFor({ timeout: 30_000 });
    expect(fake.requests.some((r) => r.path === '/cgi-bin/gettoken' && r.query.get('corpid') === 'wwe2ecorp0001')).toBe(true);

    // 3. 全量同步: one page of two chats; the job runs here (the stage has no worker) and the polling table shows it done.
    fake.answer(LIST, { errcode: 0, errmsg: 'ok', group_chat_list: [{ chat_id: 'wrE2E1', status: 0 }, { chat_id: 'wrE2E2', status: 0 }], next_cursor: '' });
    fake.answer(GET, detail('wrE2E1', '幸福里业主一群', 'zhangsan', 'wmA'), detail('wrE2E2', '幸福里团购二群', 'lisi', 'wmB'));
    const sync = card.getByTestId('wecom-group-sync');
    const [started] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`${CORPS}/${corpRowId}/sync`) && r.request().method() === 'POST', { timeout: 30_000 }),
      sync.getByTestId('wecom-sync-full').click(),
    ]);
    expect(started.status(), await started.text()).toBe(201);
    expect(await workOnce(stage.database, 'e2e-long', undefined, 'long')).toBe(1);
    const done = sync.locator('.ant-table-row', { hasText: '已完成' });
    await done.waitFor({ timeout: 30_000 });
    expect(await done.textContent()).toContain('列出 2，读取 2');
    const communities = await rows<{ externalId: string; name: string }>(stage.database.db, sql`
      select external_id as "externalId", name from communities where channel = 'wecom' order by external_id`);
    expect(communities).toEqual([{ externalId: 'wrE2E1', name: '幸福里业主一群' }, { externalId: 'wrE2E2', name: '幸福里团购二群' }]);
    expect(fake.requests.find((r) => r.path === LIST)!.body).toMatchObject({ cursor: '' });

    // 4. 入群欢迎语素材: a text template with %NICKNAME%, added at WeCom with the documented body, then listed.
    fake.answer(ADD, { errcode: 0, errmsg: 'ok', template_id: 'msgE2EWELCOME1' });
    await card.getByTestId('wecom-welcome-open').click();
    const drawer = page.locator('.ant-drawer', { has: page.getByTestId('wecom-welcome-add') });
    await drawer.getByTestId('wecom-welcome-add').click();
    const editor = page.locator('.ant-modal', { has: page.getByTestId('wecom-welcome-name') });
    await editor.waitFor();
    await editor.getByTestId('wecom-welcome-name').fill('新人欢迎');
    await editor.getByTestId('wecom-welcome-text').fill('欢迎 %NICKNAME% 加入幸福里！');
    const [added] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`${CORPS}/${corpRowId}/welcome-templates`) && r.request().method() === 'POST', { timeout: 30_000 }),
      editor.getByTestId('wecom-welcome-save').click(),
    ]);
    expect(added.status(), await added.text()).toBe(201);
    expect(await added.json()).toMatchObject({ templateId: 'msgE2EWELCOME1', name: '新人欢迎', notify: true });
    await editor.waitFor({ state: 'hidden', timeout: 30_000 });
    const listed = drawer.locator('.ant-table-row', { hasText: '新人欢迎' });
    await listed.waitFor({ timeout: 30_000 });
    expect(await listed.textContent()).toContain('欢迎 %NICKNAME% 加入幸福里！'); // the template id column is cut short
    const sent = fake.requests.filter((r) => r.path === ADD);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.query.get('access_token')).toBe('E2E_TOKEN');
    expect(sent[0]!.body).toEqual({ text: { content: '欢迎 %NICKNAME% 加入幸福里！' }, notify: 1 });

    expect(failed).toEqual([]);
    await page.close();
  }, 240_000);
});
