import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { createTestDatabase } from '../helpers/database.js';
import { as, loginAs, makeWorkspace } from '../helpers/app.js';
import { buildApp } from '../../src/server/app.js';
import { withTenant } from '../../src/core/context.js';
import { ingestEvents } from '../../src/modules/tracking/ingest-events.js';
import { buildConsole, consoleBuildNeeded, CONSOLE_DIST } from '../../src/cli/build-console.js';
import { dispatchActions } from '../../src/modules/automation/dispatch-actions.js';
import { workOnce } from '../../src/jobs/runner.js';
import { createTemplate } from '../../src/modules/automation/templates/create-template.js';
import { sendTemplate } from '../../src/modules/automation/templates/send-template.js';
import { one, sql } from '../../src/db/client.js';
import { earnPoints } from '../../src/modules/loyalty/points/earn-points.js';
import { commitmentOf } from '../../src/modules/growth/draws/picker.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const haveChromium = fs.existsSync(CHROMIUM);
if (!haveChromium) console.warn(`[e2e] skipping browser tests: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);

/**
 * Does what `act` does and waits for the API's answer to it, which must be a success: the answer, not the
 * 3-second toast after it, which a loaded machine can show and hide before a check sees it.
 */
async function answered(page: Page, path: RegExp, method: string, act: () => Promise<unknown>): Promise<void> {
  const [res] = await Promise.all([
    page.waitForResponse((r) => path.test(new URL(r.url()).pathname) && r.request().method() === method, { timeout: 30_000 }),
    act(),
  ]);
  expect(res.status(), await res.text()).toBeLessThan(300);
}

describe.skipIf(!haveChromium)('console in Chromium', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;
  let uploadsDir: string;
  let ws: Awaited<ReturnType<typeof makeWorkspace>>;
  let session: Awaited<ReturnType<BrowserContext['storageState']>> | undefined;
  // An AntD dropdown that has finished sliding in: a click during the animation can land on the neighbouring
  // option, or on none, without any error.
  const OPEN_DROPDOWN = '.ant-select-dropdown:not(.ant-select-dropdown-hidden):not([class*="-enter"]):not([class*="-appear"])';

  beforeAll(async () => {
    if (consoleBuildNeeded()) await buildConsole();
    database = await createTestDatabase();
    ws = await makeWorkspace(database, 'e2e', [{ email: 'owner@e2e.test', role: 'owner' }]);
    const community = { channel: 'sandbox' as const, externalId: 'e2e-g1', name: '宝妈福利群 1', subtype: '福利群' };
    await withTenant(database, ws, { kind: 'system', name: 'e2e' }, (ctx) => ingestEvents(ctx, [
      { id: 'e1', type: 'member.joined', occurredAt: new Date(Date.now() - 3600_000).toISOString(), community, member: { channel: 'sandbox', externalId: 'a', name: '小红' }, data: { scene: 'qr_code' } },
      { id: 'e2', type: 'message.sent', occurredAt: new Date(Date.now() - 600_000).toISOString(), community, member: { channel: 'sandbox', externalId: 'a' }, data: { text: '今天的团购什么时候开始？' } },
    ]));
    await withTenant(database, ws, { kind: 'system', name: 'e2e' }, (ctx) => createTemplate(ctx, {
      name: '早安问候', contentType: 'text', variants: [{ key: 'A', weight: 1, content: { text: '{{community.name}} 的朋友们早上好' } }],
    }));
    uploadsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shequn-e2e-'));
    app = await buildApp({ database, consoleDir: CONSOLE_DIST, dataDir: uploadsDir });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const addr = app.server.address();
    base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }, 180_000);

  /**
   * A new page logged in as the owner, starting at `start`; `watch` sees the page before it loads anything.
   * The browser keeps the workspace's time zone (Asia/Shanghai), as its operators do, so "today" on a page
   * is the workspace's today whatever the machine's zone.
   */
  async function signedIn(start = '/login', watch?: (page: Page) => void): Promise<Page> {
    // The first page logs in through the form; later ones reuse its session, as a second tab would, which also
    // keeps the suite under the login rate limit (10 a minute per address and email).
    const context = await browser.newContext({ timezoneId: 'Asia/Shanghai', ...(session ? { storageState: session } : {}) });
    const page = await context.newPage();
    // Closing the page ends its context too; after the browser itself closed there is nothing left to end.
    page.on('close', () => { context.close().catch(() => undefined); });
    watch?.(page);
    if (session) {
      await page.goto(`${base}${start === '/login' ? '/' : start}`);
      return page;
    }
    await page.goto(`${base}${start}`);
    await page.fill('#login-email', 'owner@e2e.test');
    await page.fill('#login-password', 'correct horse battery');
    await page.click('#login-submit');
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    session = await context.storageState();
    return page;
  }

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await database?.drop();
    if (uploadsDir) fs.rmSync(uploadsDir, { recursive: true, force: true });
  });

  it('logs in, chats in a sandbox group, and removes and re-invites a member through the outbox', async () => {
    // The home page sends a visitor who is not logged in to the login page first.
    const page = await signedIn('/');
    await page.goto(`${base}/communities`);
    await page.getByRole('link', { name: '宝妈福利群 1' }).first().click();
    await page.getByTestId('community-title').filter({ hasText: '宝妈福利群 1' }).waitFor({ timeout: 15_000 });
    await page.getByText('小红').first().waitFor({ timeout: 15_000 });

    // The sandbox chat: members' messages, and an operator's message delivered through the outbox.
    await page.getByRole('tab', { name: '聊天记录' }).click();
    const timeline = page.getByTestId('chat-timeline');
    await timeline.getByText('今天的团购什么时候开始？').waitFor({ timeout: 15_000 });
    await page.getByTestId('chat-input').fill('团购今晚 8 点开始');
    await page.getByTestId('chat-send').click();
    await timeline.locator('[data-testid="chat-item"][data-direction="out"]', { hasText: '团购今晚 8 点开始' }).waitFor({ timeout: 15_000 });
    expect(await dispatchActions(database)).toMatchObject({ sent: 1 });
    await timeline.locator('[data-testid="chat-item"][data-direction="out"][data-status="sent"]', { hasText: '团购今晚 8 点开始' }).waitFor({ timeout: 20_000 });
    await page.screenshot({ path: path.join(process.cwd(), '.tmp', 'e2e-community.png'), fullPage: true }).catch(() => undefined);

    // Removing a member is queued like a message; the member leaves only when the platform reports it back.
    const membersTab = page.getByRole('tab', { name: '成员', exact: true });
    await membersTab.click();
    await page.locator('.ant-table-row', { hasText: '小红' }).getByRole('button', { name: '移出群聊' }).click();
    await answered(page, /\/api\/v1\/communities\/[^/]+\/removals$/, 'POST', () => page.locator('.ant-popconfirm').getByRole('button', { name: '移出群聊' }).click());
    await page.getByRole('tab', { name: '聊天记录' }).click();
    const line = (type: string, text: string) => timeline.locator(`[data-testid="chat-item"][data-type="${type}"]`, { hasText: text });
    await timeline.locator('[data-testid="chat-item"][data-type="remove"][data-status="pending"]', { hasText: '将 小红 移出群聊' })
      .waitFor({ timeout: 15_000 });
    expect(await dispatchActions(database)).toMatchObject({ sent: 1 });
    // The chat keeps polling while something of ours is pending, so the delivered leave shows up by itself.
    await line('member.left', '小红 已被移出群聊').waitFor({ timeout: 20_000 });
    await line('remove', '将 小红 移出群聊').waitFor({ state: 'detached', timeout: 20_000 });

    // Inviting them back: pick the member by a remote name search in the modal.
    await membersTab.click();
    await page.getByTestId('invite-member').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('combobox').fill('小红');
    await page.locator(OPEN_DROPDOWN).locator('.ant-select-item-option', { hasText: '小红' }).click();
    await dialog.getByLabel('原因（可选）').fill('e2e 邀请回群');
    await answered(page, /\/api\/v1\/communities\/[^/]+\/invitations$/, 'POST', () => dialog.getByRole('button', { name: '发送邀请' }).click());
    await dialog.waitFor({ state: 'hidden', timeout: 15_000 });
    await page.getByRole('tab', { name: '聊天记录' }).click();
    await timeline.locator('[data-testid="chat-item"][data-type="invite"][data-status="pending"]', { hasText: '邀请 小红 入群' })
      .waitFor({ timeout: 15_000 });
    expect(await dispatchActions(database)).toMatchObject({ sent: 1 });
    await line('member.joined', '小红 已被邀请入群').waitFor({ timeout: 20_000 });

    // A conflict the API pins on the member shows under the picker, not as a passing toast.
    await membersTab.click();
    await page.getByTestId('invite-member').click();
    await dialog.getByRole('combobox').fill('小红');
    await page.locator(OPEN_DROPDOWN).locator('.ant-select-item-option', { hasText: '小红' }).click();
    await dialog.getByRole('button', { name: '发送邀请' }).click();
    await dialog.locator('.ant-form-item-explain-error', { hasText: 'member is already in this group' }).waitFor({ timeout: 15_000 });
    await dialog.getByRole('button', { name: /取\s*消/ }).click();
    await dialog.waitFor({ state: 'hidden', timeout: 15_000 });
    await page.locator('.ant-table-row', { hasText: '小红' }).waitFor({ timeout: 15_000 });
    await page.screenshot({ path: path.join(process.cwd(), '.tmp', 'e2e-membership.png'), fullPage: true }).catch(() => undefined);

    // The outbox page lists what was asked of the platform: the chat message, the removal and the invitation, all sent.
    await page.getByTestId('nav-outbox').click();
    await page.getByTestId('outbox-title').waitFor({ timeout: 15_000 });
    await page.locator('.ant-table-row', { hasText: '团购今晚 8 点开始' }).filter({ hasText: '已发送' }).waitFor({ timeout: 15_000 });
    await page.getByRole('tab', { name: /已发送 \(3\)/ }).click();
    await page.locator('.ant-table-row', { hasText: '邀请入群' }).waitFor({ timeout: 15_000 });
  }, 180_000);

  it('uploads a WhatsApp export, shows it importing, then its summary', async () => {
    const page = await signedIn();
    await page.getByRole('link', { name: '导入聊天记录' }).click();
    await page.getByTestId('imports-title').waitFor({ timeout: 15_000 });
    await page.getByText('还没有导入过聊天记录').waitFor({ timeout: 15_000 });

    const fixture = path.join(process.cwd(), 'src/modules/importers/fixtures/whatsapp/WhatsApp Chat with 周末读书会.txt');
    await page.locator('[data-testid="import-dropzone"] input[type="file"]').setInputFiles(fixture);
    await page.getByText('WhatsApp Chat with 周末读书会.txt 已上传，正在后台导入').waitFor({ timeout: 15_000 });
    await page.locator('[data-testid="import-status"][data-status="queued"]').waitFor({ timeout: 15_000 });
    expect(await workOnce(database, 'e2e-worker')).toBe(1);
    // The list polls while an import is queued, so "done" arrives by itself.
    await page.locator('[data-testid="import-status"][data-status="done"]').waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: /详\s*情/ }).click(); // AntD spaces out two-character labels
    const drawer = page.getByTestId('import-detail');
    await drawer.getByTestId('import-detected-format').filter({ hasText: 'WhatsApp' }).waitFor({ timeout: 15_000 });
    await drawer.getByText('新存入').waitFor();
    await page.screenshot({ path: path.join(process.cwd(), '.tmp', 'e2e-imports.png'), fullPage: true }).catch(() => undefined);
  }, 120_000);

  it('shows a community\'s health: metric cards with their definitions, and the heatmap', async () => {
    const page = await signedIn();
    await page.goto(`${base}/communities`);
    await page.getByRole('link', { name: '宝妈福利群 1' }).first().click();
    await page.getByRole('tab', { name: '健康度' }).click();
    const messages = page.getByTestId('metric-messages');
    await messages.filter({ hasText: '消息数' }).waitFor({ timeout: 15_000 });
    await page.getByTestId('metric-gini').hover();
    await page.locator('.ant-tooltip', { hasText: '基尼系数' }).waitFor({ timeout: 15_000 });
    // Xiaohong's question is the one message of the last 30 days: a drawn heatmap, not the empty state.
    await page.getByTestId('health-heatmap').locator('[data-testid="health-heatmap-canvas"] canvas').first().waitFor({ timeout: 15_000 });
    await page.getByTestId('health-pareto').locator('canvas').first().waitFor({ timeout: 15_000 });
    await page.screenshot({ path: path.join(process.cwd(), '.tmp', 'e2e-health.png'), fullPage: true }).catch(() => undefined);
  }, 120_000);

  it('tracks a link in a sent template: the tap lands on the page and the outcomes show the click', async () => {
    process.env.SHEQUN_PUBLIC_URL = base;
    const system = { kind: 'system' as const, name: 'e2e' };
    // The page the link leads to is on this server, so the redirect is followed without leaving the machine.
    const page0 = `${base}/api/health`;
    const sent = await withTenant(database, ws, system, async (ctx) => {
      const t = await createTemplate(ctx, { name: '新品链接', contentType: 'text', variants: [{ key: 'A', weight: 1, content: { text: `新品上架 ${page0}` } }] });
      const community = await one<{ id: string }>(ctx.db, sql`select id from communities where external_id = 'e2e-g1'`);
      return sendTemplate(ctx, { templateId: t.id, communityId: community!.id, idempotencyKey: 'e2e-link' });
    });
    expect(await dispatchActions(database)).toMatchObject({ sent: 1 });
    const tracked = /http:\/\/127\.0\.0\.1:\d+\/l\/[A-Za-z0-9_-]+/.exec(sent.text)?.[0];
    expect(tracked, sent.text).toBeTruthy();
    const page = await signedIn('/templates');
    await page.goto(tracked!);
    await page.waitForURL(page0);
    await page.goto(`${base}/templates`);
    await page.getByTestId('templates-table').getByText('新品链接').click();
    const outcomes = page.getByTestId('template-outcomes');
    await outcomes.getByText('1 / 1 100.0%').first().waitFor({ timeout: 15_000 });
    await page.getByTestId('outcomes-metric').getByText('点击').click();
    await outcomes.locator('.ant-progress').first().waitFor({ timeout: 15_000 });
    await page.screenshot({ path: path.join(process.cwd(), '.tmp', 'e2e-outcomes.png'), fullPage: true }).catch(() => undefined);
    await page.close();
  }, 120_000);

  it('opens every automation page from the menu without a script error', async () => {
    const errors: string[] = [];
    const page = await signedIn('/login', (p) => p.on('pageerror', (err) => errors.push(err.message)));
    const visit = async (nav: string, title: string) => {
      await page.getByTestId(nav).click();
      await page.getByTestId(title).waitFor({ timeout: 15_000 });
      expect(await page.locator('.ant-result-error, .ant-result-500, .ant-result-404').count(), title).toBe(0);
    };
    await visit('nav-today', 'today-title');
    await page.getByTestId('tasks-list').waitFor({ timeout: 15_000 });
    await visit('nav-templates', 'templates-title');
    await page.getByTestId('templates-table').getByText('早安问候').waitFor({ timeout: 15_000 });
    await visit('nav-guardrails', 'guardrails-title');
    await page.locator('input[value="22:00"]').first().waitFor({ timeout: 15_000 });
    await visit('nav-welcome', 'welcome-title');
    await page.getByTestId('welcome-flows-table').waitFor({ timeout: 15_000 });
    await visit('nav-sop', 'sop-title');
    await page.getByTestId('sop-table').waitFor({ timeout: 15_000 });
    await visit('nav-triggers', 'triggers-title');
    await page.getByTestId('triggers-table').waitFor({ timeout: 15_000 });
    await visit('nav-outbox', 'outbox-title');
    expect(errors).toEqual([]);
  }, 120_000);
  describe('automation editors', () => {
    // The API as the same owner, to check what the editors saved and to prepare what a test needs.
    let ownerSession: Awaited<ReturnType<typeof loginAs>> | undefined;
    const owner = async () => as(app, ownerSession ??= await loginAs(app, 'owner@e2e.test'));
    /**
     * Picks `text` in an AntD Select, typing `search` first if given. The click waits for the dropdown to finish
     * sliding in: one made during the animation can land on the neighbouring option, which then stays chosen.
     */
    async function choose(select: Locator, text: string, search?: string): Promise<void> {
      await select.click();
      if (search) await select.page().keyboard.type(search);
      await select.page().locator(OPEN_DROPDOWN).locator('.ant-select-item-option', { hasText: text }).click();
      await select.getByText(text, { exact: true }).first().waitFor({ timeout: 15_000 });
    }

    it('guardrails: saves quiet hours and the group cap, which survive a reload; a bad time shows under its field', async () => {
      const page = await signedIn();
      await page.goto(`${base}/guardrails`);
      const start = page.getByTestId('guardrails-quiet-start');
      const end = page.getByTestId('guardrails-quiet-end');
      const groupCap = page.getByTestId('guardrails-groupCap');
      await expect.poll(() => start.inputValue(), { timeout: 15_000 }).toBe('22:00');

      await start.fill('23:30');
      await end.fill('07:15');
      await groupCap.fill('5');
      await answered(page, /\/api\/v1\/automation\/guardrails$/, 'PUT', () => page.getByTestId('guardrails-save').click());
      const api = await owner();
      expect((await api.get('/api/v1/automation/guardrails')).json().settings).toMatchObject({
        quietHours: { start: '23:30', end: '07:15' }, groupMarketingPerDay: 5, memberMarketingPerDay: 1,
      });

      await page.reload();
      await expect.poll(() => start.inputValue(), { timeout: 15_000 }).toBe('23:30');
      expect(await end.inputValue()).toBe('07:15');
      expect(await groupCap.inputValue()).toBe('5');

      // 25:00 is no time of day, and a cap of 0 is not "no cap" (that is an empty field): the form says so under
      // each field and saves nothing. The cap used to be clamped to 1 on blur and saved as 1 without a word.
      await start.fill('25:00');
      await groupCap.fill('0');
      await page.getByTestId('guardrails-save').click();
      const errorUnder = (input: typeof start) => page.locator('.ant-form-item', { has: input }).locator('.ant-form-item-explain-error');
      await errorUnder(start).filter({ hasText: '请输入 24 小时制时间' }).waitFor({ timeout: 15_000 });
      await errorUnder(groupCap).filter({ hasText: '请输入 1 到 1000 之间的整数' }).waitFor({ timeout: 15_000 });
      expect(await groupCap.inputValue()).toBe('0');
      expect((await api.get('/api/v1/automation/guardrails')).json().settings).toMatchObject({ quietHours: { start: '23:30' }, groupMarketingPerDay: 5 });
      await page.close();
    }, 120_000);
    it('SOP plans: a plan made in the editor is listed and its occurrences appear on the calendar', async () => {
      const page = await signedIn();
      await page.goto(`${base}/sop`);
      await page.getByTestId('sop-table').waitFor({ timeout: 15_000 });
      // An operator glances at the calendar first, then plans: the calendar must show the new plan afterwards.
      await page.getByRole('tab', { name: '日历' }).click();
      await page.locator('.ant-picker-calendar').waitFor({ timeout: 15_000 });
      await page.getByRole('tab', { name: '计划' }).click();

      // Local days of the workspace (Asia/Shanghai, the page's zone too).
      const day = (offsetDays: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + offsetDays * 86_400_000));
      const [today, tomorrow] = [day(0), day(1)];

      await page.getByTestId('sop-new').click();
      const editor = page.getByRole('dialog');
      await editor.getByTestId('sop-plan-name').fill('e2e 晚安推送');
      await choose(editor.getByTestId('sop-communities'), '宝妈福利群 1', '宝妈');
      await editor.getByTestId('sop-step-time-0').fill('23:59');
      await choose(editor.getByTestId('sop-step-kind-0'), '指定日期');
      await editor.getByTestId('sop-step-dates-0').click();
      await page.keyboard.type(`${today},${tomorrow},`);
      for (const d of [today, tomorrow]) await editor.getByTestId('sop-step-dates-0').getByText(d).waitFor();
      await choose(editor.getByTestId('sop-step-template-0'), '早安问候');
      await editor.getByText('预览: {{community.name}} 的朋友们早上好').first().waitFor({ timeout: 15_000 });
      await editor.getByTestId('sop-plan-save').click();
      await editor.waitFor({ state: 'hidden', timeout: 15_000 });
      await page.getByTestId('sop-table').locator('.ant-table-row', { hasText: 'e2e 晚安推送' }).waitFor({ timeout: 15_000 });

      const api = await owner();
      const listed = (await api.get('/api/v1/sop/plans')).json().items.find((p: { name: string }) => p.name === 'e2e 晚安推送');
      const plan = (await api.get(`/api/v1/sop/plans/${listed.id}`)).json();
      const community = (await api.get('/api/v1/communities?q=宝妈福利群')).json().items[0];
      expect(plan).toMatchObject({ enabled: true, communityIds: [community.id], communityTypes: [], targets: 1 });
      expect(plan.steps).toMatchObject([{ time: '23:59', recurrence: { kind: 'dates', dates: [today, tomorrow] }, templateName: '早安问候', class: 'marketing' }]);

      // The calendar shows this month: tomorrow's occurrence, or today's when tomorrow is next month.
      const shown = tomorrow.slice(0, 7) === today.slice(0, 7) ? tomorrow : today;
      await page.getByRole('tab', { name: '日历' }).click();
      const occurrence = page.getByTestId(`sop-day-${shown}`).getByTestId('sop-occurrence').filter({ hasText: '23:59 早安问候' });
      await occurrence.waitFor({ timeout: 15_000 });
      expect(await occurrence.getAttribute('data-status')).toBe('planned');
      await occurrence.hover();
      await page.locator('.ant-popover', { hasText: 'e2e 晚安推送' }).waitFor({ timeout: 15_000 });
      await page.close();
    }, 120_000);
    it('points: an earn rule saved in the form reaches the API; a member\'s correction shows in their history', async () => {
      const system = { kind: 'system' as const, name: 'e2e' };
      await withTenant(database, ws, system, async (ctx) => {
        const member = await one<{ id: string }>(ctx.db, sql`select id from members where display_name = '小红'`);
        await earnPoints(ctx, { memberId: member!.id, amount: 20, reason: 'check_in', idempotencyKey: 'e2e-points-seed' });
      });
      const page = await signedIn();
      await page.goto(`${base}/points`);
      const points = page.getByTestId('rule-points-message');
      await points.waitFor({ timeout: 15_000 });
      // 0 points is refused under its field, not clamped to 1 and saved.
      await page.getByTestId('rule-enabled-message').click();
      await points.fill('0');
      await page.getByTestId('points-save').click();
      await page.locator('.ant-form-item', { has: points }).locator('.ant-form-item-explain-error').waitFor({ timeout: 15_000 });
      await points.fill('2');
      await page.getByTestId('rule-cap-message').fill('10');
      await page.getByTestId('points-expiry').fill('180');
      await answered(page, /\/api\/v1\/points\/settings$/, 'PUT', () => page.getByTestId('points-save').click());
      const api = await owner();
      expect((await api.get('/api/v1/points/settings')).json()).toEqual({ expiryDays: 180, rules: [{ activity: 'message', points: 2, dailyCap: 10, enabled: true }] });

      await page.getByText('小红').first().click();
      await page.getByTestId('adjust-amount').fill('-5');
      await page.getByTestId('adjust-note').fill('重复签到扣回');
      await page.getByTestId('adjust-save').click();
      const drawer = page.locator('.ant-drawer');
      await drawer.getByText('重复签到扣回').waitFor({ timeout: 15_000 });
      await drawer.locator('.ant-statistic-content', { hasText: '15' }).waitFor({ timeout: 15_000 });
      await page.keyboard.press('Escape');

      // A reward added in the catalogue is listed with its stock; redeemed through the API, it waits to be handed out.
      await page.getByTestId('reward-add').click();
      await page.getByTestId('reward-name').fill('定制帆布袋');
      await page.getByTestId('reward-cost').fill('10');
      await page.getByTestId('reward-stock').fill('5');
      await page.getByTestId('reward-save').click();
      const rewards = page.getByTestId('rewards-table');
      await rewards.getByText('定制帆布袋').waitFor({ timeout: 15_000 });
      const created = (await api.get('/api/v1/rewards')).json().items[0];
      expect(created).toMatchObject({ name: '定制帆布袋', costPoints: 10, stock: 5, kind: 'physical' });
      const memberId = (await api.get('/api/v1/points/accounts')).json().items[0].memberId;
      expect((await api.post(`/api/v1/rewards/${created.id}/redemptions`, { memberId, idempotencyKey: 'e2e-redeem-1' })).statusCode).toBe(200);
      await page.reload();
      await page.getByText('标记已发放').click();
      await expect.poll(async () => (await api.get('/api/v1/reward-redemptions?status=fulfilled')).json().total, { timeout: 15_000 }).toBe(1);
      await page.screenshot({ path: path.join(process.cwd(), '.tmp', 'e2e-points.png'), fullPage: true }).catch(() => undefined);
      await page.close();
    }, 120_000);

    it('triggers: a rule from a preset and one by hand are listed; switching off and deleting reach the API', async () => {
      const page = await signedIn();
      await page.goto(`${base}/triggers`);
      const table = page.getByTestId('triggers-table');
      await table.waitFor({ timeout: 15_000 });
      const api = await owner();
      const rules = async () => (await api.get('/api/v1/triggers')).json().items as { id: string; name: string; [k: string]: unknown }[];
      const row = (name: string) => table.locator('.ant-table-row', { hasText: name });

      // From a preset: core-member care, silent for 10 days instead of 7.
      await page.getByTestId('trigger-from-preset').click();
      const presets = page.getByRole('dialog');
      await presets.getByTestId('preset-core_care').click();
      await presets.getByTestId('preset-name').fill('e2e 核心成员关怀');
      await presets.getByTestId('preset-days').fill('10');
      await answered(page, /\/api\/v1\/triggers\/presets\/[^/]+$/, 'POST', () => presets.getByTestId('preset-create').click());
      await row('e2e 核心成员关怀').waitFor({ timeout: 15_000 });
      const care = (await rules()).find((r) => r.name === 'e2e 核心成员关怀')!;
      expect(care).toMatchObject({ preset: 'core_care', enabled: true, when: { kind: 'segment', segment: 'role:core', silentDays: 10 }, do: { kind: 'staff_task', taskKind: 'care' } });

      // Switched off in the list.
      const toggle = page.getByTestId(`trigger-enabled-${care.id}`);
      await answered(page, /\/api\/v1\/triggers\/[^/]+$/, 'PATCH', () => toggle.click());
      await expect.poll(() => toggle.getAttribute('aria-checked'), { timeout: 15_000 }).toBe('false');
      expect((await api.get(`/api/v1/triggers/${care.id}`)).json().enabled).toBe(false);

      // By hand: two hours after a member joins, a task for the group owner. A misspelt variable is refused
      // by the server and shown under the title.
      await page.getByTestId('trigger-new').click();
      const editor = page.getByRole('dialog');
      await editor.getByTestId('trigger-name').fill('e2e 新人两小时回访');
      await editor.getByTestId('trigger-delay-on').click();
      await editor.getByTestId('trigger-delay').fill('2');
      await choose(editor.getByTestId('trigger-delay-unit'), '小时');
      await editor.getByTestId('trigger-task-title').fill('回访 {{member.nmae}}');
      await editor.getByTestId('trigger-save').click();
      await editor.locator('.ant-form-item', { has: page.getByTestId('trigger-task-title') }).locator('.ant-form-item-explain-error', { hasText: 'unknown variable {{member.nmae}}' })
        .waitFor({ timeout: 15_000 });
      await editor.getByTestId('trigger-task-title').fill('回访 {{member.name}}');
      await editor.getByTestId('trigger-task-body').fill('{{member.name}} 你好，进群两小时了，有什么想了解的吗？');
      await editor.getByTestId('trigger-save').click();
      await editor.waitFor({ state: 'hidden', timeout: 15_000 });
      await row('e2e 新人两小时回访').waitFor({ timeout: 15_000 });
      expect((await rules()).find((r) => r.name === 'e2e 新人两小时回访')).toMatchObject({
        preset: null, enabled: true, scope: { kind: 'all' }, when: { kind: 'event', eventType: 'member.joined' }, delay: { amount: 2, unit: 'hours' },
        do: { kind: 'staff_task', title: '回访 {{member.name}}', body: '{{member.name}} 你好，进群两小时了，有什么想了解的吗？', assignTo: 'community_owner' },
      });

      // Deleted from the list, after the confirmation.
      await row('e2e 核心成员关怀').getByRole('button', { name: /删\s*除/ }).click();
      await page.locator('.ant-popconfirm').getByRole('button', { name: /删\s*除/ }).click();
      await row('e2e 核心成员关怀').waitFor({ state: 'detached', timeout: 15_000 });
      expect((await api.get(`/api/v1/triggers/${care.id}`)).statusCode).toBe(404);
      await row('e2e 新人两小时回访').waitFor();
      await page.close();
    }, 120_000);

    it('live codes: a code made in the editor shows its QR; scans join its group, and a full pool opens the next group', async () => {
      const page = await signedIn();
      await page.goto(`${base}/live-codes`);
      await page.getByTestId('live-codes-table').waitFor({ timeout: 15_000 });
      await page.getByTestId('live-code-new').click();
      // The editor, not the code's drawer that saving opens (both are dialogs).
      const editor = page.locator('.ant-modal', { has: page.getByTestId('live-code-form') });
      await editor.getByTestId('live-code-name').fill('e2e 活码');
      await editor.getByTestId('live-code-capacity').fill('2');
      const pool = editor.getByTestId('live-code-pool');
      await pool.locator('.ant-select').click();
      await page.keyboard.type('宝妈');
      await page.locator(OPEN_DROPDOWN).locator('.ant-select-item-option', { hasText: '宝妈福利群 1' }).click();
      await pool.locator('.ant-typography', { hasText: '宝妈福利群 1' }).waitFor({ timeout: 15_000 });
      // The picker empties for the next group rather than keeping the one just added.
      await expect.poll(() => pool.locator('.ant-select-content-has-value').count(), { timeout: 15_000 }).toBe(0);
      await editor.getByRole('button', { name: /保\s*存/ }).click();
      await editor.waitFor({ state: 'hidden', timeout: 15_000 });

      // Saving a new code opens it: the QR image is the server's, and a source goes into the link.
      const drawer = page.getByTestId('live-code-drawer');
      await drawer.waitFor({ timeout: 15_000 });
      await expect.poll(() => drawer.getByTestId('live-code-qr').evaluate((img) => (img as HTMLImageElement).naturalWidth), { timeout: 15_000 }).toBeGreaterThan(0);
      await drawer.getByTestId('live-code-source').fill('poster');
      await expect.poll(async () => (await drawer.getByTestId('live-code-link').textContent()) ?? '', { timeout: 15_000 }).toContain('s=poster');
      const link = /(https?:\/\/\S+?s=poster)/.exec((await drawer.getByTestId('live-code-link').textContent())!)![1]!;
      const api = await owner();
      const code = (await api.get('/api/v1/live-codes')).json().items.find((c: { name: string }) => c.name === 'e2e 活码');
      expect(code).toMatchObject({ capacity: 2, strategy: 'fill_in_order', channel: 'sandbox', pool: [{ name: '宝妈福利群 1' }] });

      // A newcomer on a phone scans and joins: the group (小红 + the newcomer) is then full.
      const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
      await phone.goto(link);
      await phone.getByText('宝妈福利群 1').first().waitFor({ timeout: 15_000 });
      await phone.fill('input[name=name]', '小蓝');
      await phone.getByRole('button', { name: /加入群聊/ }).click();
      await expect.poll(async () => (await api.get(`/api/v1/live-codes/${code.id}/stats`)).json().totals, { timeout: 15_000 }).toMatchObject({ scans: 1, joins: 1 });
      await phone.close();

      // The next scan finds the pool full and gets a new group named after the code, which joins the pool.
      const next = await browser.newPage({ viewport: { width: 390, height: 844 } });
      await next.goto(link);
      await next.getByText('e2e 活码 2').first().waitFor({ timeout: 15_000 });
      await next.close();
      expect((await api.get(`/api/v1/live-codes/${code.id}`)).json().pool.map((g: { name: string }) => g.name)).toEqual(['宝妈福利群 1', 'e2e 活码 2']);
      await page.reload();
      await page.getByTestId('live-codes-table').locator('.ant-table-row', { hasText: 'e2e 活码' }).getByText('2 个群').waitFor({ timeout: 15_000 });
      await page.close();
    }, 120_000);

    it('check-in: rules saved in the form reach the API; a keyword in the group checks the member in', async () => {
      const page = await signedIn();
      await page.goto(`${base}/check-in`);
      const settings = page.getByTestId('check-in-settings');
      await settings.waitFor({ timeout: 15_000 });
      // Check-in starts switched off in a new workspace.
      await settings.getByTestId('check-in-enabled').click();
      await settings.getByTestId('check-in-reset').getByText('按月').click();
      await settings.getByTestId('milestone-add').click();
      const milestones = settings.locator('[data-testid^="milestone-"]:not([data-testid="milestone-add"])');
      const last = milestones.last();
      const [days, points] = [last.locator('input').nth(0), last.locator('input').nth(1)];
      // 32 days cannot be reached when streaks reset monthly: refused under the field, nothing saved.
      await days.fill('32');
      await points.fill('10');
      await page.getByTestId('check-in-save').click();
      await last.locator('.ant-form-item-explain-error').first().waitFor({ timeout: 15_000 });
      await days.fill('14');
      await answered(page, /\/api\/v1\/check-in\/settings$/, 'PUT', () => page.getByTestId('check-in-save').click());
      const api = await owner();
      const saved = (await api.get('/api/v1/check-in/settings')).json().settings;
      expect(saved).toMatchObject({ enabled: true, resetPeriod: 'monthly' });
      expect(saved.milestones).toContainEqual(expect.objectContaining({ days: 14, points: 10 }));

      const community = { channel: 'sandbox' as const, externalId: 'e2e-g1', name: '宝妈福利群 1' };
      await withTenant(database, ws, { kind: 'system', name: 'e2e' }, (ctx) => ingestEvents(ctx, [
        { id: 'e2e-check-in', type: 'message.sent', occurredAt: new Date().toISOString(), community, member: { channel: 'sandbox', externalId: 'a' }, data: { text: '签到' } },
      ]));
      await page.reload();
      await page.getByTestId('check-in-leaderboard').getByText('小红').waitFor({ timeout: 15_000 });
      await page.close();
    }, 120_000);

    it('leaderboards: a board made in the editor is listed with its prizes, and its standings rank the members', async () => {
      await withTenant(database, ws, { kind: 'system', name: 'e2e' }, async (ctx) => {
        const member = await one<{ id: string }>(ctx.db, sql`select id from members where display_name = '小红'`);
        await earnPoints(ctx, { memberId: member!.id, amount: 30, reason: 'message', idempotencyKey: 'e2e-board-seed' });
      });
      const page = await signedIn();
      await page.goto(`${base}/leaderboards`);
      await page.getByTestId('leaderboards-table').waitFor({ timeout: 15_000 });
      await page.getByTestId('leaderboard-new').click();
      const editor = page.getByRole('dialog');
      await editor.getByTestId('leaderboard-name').fill('e2e 月度积分榜');
      await choose(editor.getByTestId('leaderboard-metric'), '获得积分');
      await editor.getByTestId('leaderboard-top-n').fill('3');
      // Three prizes are offered by default (100, 50, 30): the first is lowered, and no announcement is made.
      await editor.locator('.ant-input-number', { hasText: '第 1 名' }).locator('input').fill('60');
      await editor.getByTestId('leaderboard-announce').click();
      await page.getByTestId('leaderboard-save').click();
      await editor.waitFor({ state: 'hidden', timeout: 15_000 });
      const table = page.getByTestId('leaderboards-table');
      await table.locator('.ant-table-row', { hasText: 'e2e 月度积分榜' }).waitFor({ timeout: 15_000 });
      const api = await owner();
      const board = (await api.get('/api/v1/leaderboards')).json().items.find((b: { name: string }) => b.name === 'e2e 月度积分榜');
      expect(board).toMatchObject({ metric: 'points_earned', period: { kind: 'monthly' }, scope: { kind: 'all' }, topN: 3, rewards: [60, 50, 30], announcement: null, enabled: true });

      await page.getByTestId(`leaderboard-open-${board.id}`).click();
      await page.getByTestId('leaderboard-standings').locator('.ant-table-row', { hasText: '小红' }).waitFor({ timeout: 15_000 });
      await page.close();
    }, 120_000);

    it('lucky draws: a draw made in the editor opens with a commitment, draws for a member, and reveals a seed that verifies', async () => {
      const page = await signedIn();
      await page.goto(`${base}/draws`);
      await page.getByTestId('draws-table').waitFor({ timeout: 15_000 });
      await page.getByTestId('draw-new').click();
      const editor = page.locator('.ant-modal', { has: page.getByTestId('draw-name') });
      await editor.getByTestId('draw-name').fill('e2e 周末抽奖');
      await editor.getByTestId('draw-prize-name-0').fill('定制帆布袋');
      await editor.getByTestId('draw-prize-name-1').fill('谢谢参与');
      await page.getByTestId('draw-save').click();
      await editor.waitFor({ state: 'hidden', timeout: 15_000 });
      const api = await owner();
      const draw = (await api.get('/api/v1/draws')).json().items.find((d: { name: string }) => d.name === 'e2e 周末抽奖');
      expect(draw).toMatchObject({ status: 'draft', unit: 'day', pointsCost: 0 });
      expect(draw.prizes.map((p: { name: string; kind: string; weight: number; stock: number | null }) => [p.name, p.kind, p.weight, p.stock]))
        .toEqual([['定制帆布袋', 'physical', 1, 3], ['谢谢参与', 'thanks', 9, null]]);

      await page.getByTestId(`draw-view-${draw.id}`).click();
      await page.getByTestId('draw-open').click();
      await page.locator('.ant-popconfirm').getByRole('button', { name: /确\s*定|OK/ }).click();
      await page.getByTestId('draw-commitment').waitFor({ timeout: 15_000 });
      const opened = (await api.get(`/api/v1/draws/${draw.id}`)).json();
      expect(opened.status).toBe('open');
      expect(await page.getByTestId('draw-commitment').textContent()).toContain(opened.commitment);
      expect(opened.seed ?? null).toBeNull();

      await choose(page.getByTestId('draw-member'), '小红', '小红');
      await page.getByTestId('draw-run').click();
      // The result is told in a dialog, then the entry is in the audit trail.
      const result = page.locator('.ant-modal-confirm', { hasText: '小红' });
      await result.waitFor({ timeout: 15_000 });
      await result.getByRole('button').click();
      await result.waitFor({ state: 'hidden', timeout: 15_000 });
      await page.getByTestId('draw-entries').locator('.ant-table-row', { hasText: '小红' }).waitFor({ timeout: 15_000 });

      await page.getByTestId('draw-close').click();
      await page.locator('.ant-popconfirm').getByRole('button', { name: /确\s*定|OK/ }).click();
      await page.getByTestId('draw-seed').waitFor({ timeout: 15_000 });
      const memberId = (await api.get(`/api/v1/draws/${draw.id}/entries`)).json().items[0].memberId;
      const proof = (await api.get(`/api/v1/draws/${draw.id}/verification?memberId=${memberId}`)).json();
      expect(proof.seed).toMatch(/^[0-9a-f]{64}$/);
      expect(proof.entries).toHaveLength(1);
      expect(proof.entries[0].valid).toBe(true);
      // The revealed seed is the one committed to when the draw opened.
      expect(commitmentOf(proof.seed)).toBe(opened.commitment);
      await page.close();
    }, 120_000);

    it('fission: a campaign made in the editor enrols a member, whose personal poster is shown', async () => {
      const api = await owner();
      const community = (await api.get('/api/v1/communities?q=宝妈福利群')).json().items[0];
      expect((await api.post('/api/v1/live-codes', { name: 'e2e 裂变活码', capacity: 500, communityIds: [community.id] })).statusCode).toBe(201);
      const page = await signedIn();
      await page.goto(`${base}/fission`);
      await page.getByTestId('fission-table').waitFor({ timeout: 15_000 });
      await page.getByTestId('fission-new').click();
      const editor = page.locator('.ant-modal', { has: page.getByTestId('fission-form') });
      await editor.getByTestId('fission-name').fill('e2e 邀请有礼');
      await editor.getByText('进行中').click();
      await choose(editor.getByTestId('fission-live-code'), 'e2e 裂变活码');
      await editor.getByTestId('fission-goal').fill('2');
      await editor.getByRole('button', { name: /保\s*存/ }).click();
      await editor.waitFor({ state: 'hidden', timeout: 15_000 });
      const campaign = (await api.get('/api/v1/fission-campaigns')).json().items.find((c: { name: string }) => c.name === 'e2e 邀请有礼');
      expect(campaign).toMatchObject({ status: 'active', goal: 2, holdHours: 24, rewardKind: 'points', rewardPoints: 100 });

      // Saving a new campaign opens it.
      await page.getByTestId('fission-drawer').waitFor({ timeout: 15_000 });
      await choose(page.getByTestId('fission-enrol-member'), '小红', '小红');
      await page.getByTestId('fission-enrol').click();
      const row = page.getByTestId('fission-participants').locator('.ant-table-row', { hasText: '小红' });
      await row.waitFor({ timeout: 15_000 });
      await row.getByRole('button').first().click();
      const poster = page.getByTestId('fission-poster');
      await expect.poll(() => poster.evaluate((img) => (img as HTMLImageElement).naturalWidth), { timeout: 30_000 }).toBe(750);
      await page.close();
    }, 120_000);
  });
});
