import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { createTestDatabase } from '../helpers/database.js';
import { as, loginAs, makeWorkspace } from '../helpers/app.js';
import { buildApp } from '../../src/server/app.js';
import { withTenant } from '../../src/core/context.js';
import { ingestEvents } from '../../src/modules/tracking/ingest-events.js';
import { buildConsole, consoleBuildNeeded, CONSOLE_DIST } from '../../src/cli/build-console.js';
import { one, sql } from '../../src/db/client.js';
import { earnPoints } from '../../src/modules/loyalty/points/earn-points.js';
import { DEFAULT_CHECK_IN_SETTINGS } from '../../src/modules/growth/check-in/contracts.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const haveChromium = fs.existsSync(CHROMIUM);
if (!haveChromium) console.warn(`[e2e] skipping member page tests: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);

describe.skipIf(!haveChromium)('member pages in Chromium, phone-sized', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;
  let memberId: string;
  let link: string;

  beforeAll(async () => {
    if (consoleBuildNeeded()) await buildConsole();
    database = await createTestDatabase();
    const ws = await makeWorkspace(database, 'e2e-members', [{ email: 'admin@e2e-m.test', role: 'admin' }]);
    const community = { channel: 'sandbox' as const, externalId: 'e2e-m-g1', name: '宝妈福利群' };
    await withTenant(database, ws, { kind: 'system', name: 'e2e' }, async (ctx) => {
      await ingestEvents(ctx, [{ id: 'm-e1', type: 'member.joined', occurredAt: new Date(Date.now() - 3600_000).toISOString(), community, member: { channel: 'sandbox', externalId: 'xm', name: '小美' }, data: {} }]);
      memberId = (await one<{ id: string }>(ctx.db, sql`select member_id as id from member_identities where external_id = 'xm'`))!.id;
      await earnPoints(ctx, { memberId, amount: 100, reason: 'adjustment', idempotencyKey: 'e2e-seed', note: '新人礼' });
    });
    app = await buildApp({ database, consoleDir: CONSOLE_DIST });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const addr = app.server.address();
    base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
    const admin = as(app, await loginAs(app, 'admin@e2e-m.test'));
    expect((await admin.put('/api/v1/points/settings', { expiryDays: null, rules: [{ activity: 'check_in', points: 5, dailyCap: null, enabled: true }] })).statusCode).toBe(200);
    expect((await admin.put('/api/v1/check-in/settings', { ...DEFAULT_CHECK_IN_SETTINGS, enabled: true })).statusCode).toBe(200);
    expect((await admin.post('/api/v1/rewards', { name: '帆布袋', description: '品牌帆布袋一只', kind: 'physical', costPoints: 30, stock: 2, perMemberLimit: null })).statusCode).toBe(201);
    expect((await admin.post('/api/v1/rewards', { name: '蓝牙音箱', kind: 'physical', costPoints: 500, stock: 1, perMemberLimit: null })).statusCode).toBe(201);
    // A free draw that always gives a prize, and an invite campaign on a live code of the member's group.
    const group = (await one<{ id: string }>(database.db, sql`select id from communities where external_id = 'e2e-m-g1'`))!.id;
    const draw = await admin.post('/api/v1/draws', {
      name: '幸运抽奖', startsAt: new Date(Date.now() - 86_400_000).toISOString(), endsAt: new Date(Date.now() + 86_400_000).toISOString(), unit: 'draw', pointsCost: 0,
      prizes: [{ name: '小熊贴纸', kind: 'physical', weight: 1, stock: 10 }],
    });
    expect(draw.statusCode, draw.body).toBe(201);
    expect((await admin.post(`/api/v1/draws/${draw.json().id}/open`)).statusCode).toBe(200);
    const code = await admin.post('/api/v1/live-codes', { name: '邀请活码', capacity: 500, communityIds: [group] });
    expect(code.statusCode, code.body).toBe(201);
    expect((await admin.post('/api/v1/fission-campaigns', { name: '邀请 3 位好友', status: 'active', liveCodeId: code.json().id, goal: 3, rewardKind: 'points', rewardPoints: 50 })).statusCode).toBe(201);
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    // The operator copies the member's link in the console (points page, the member's drawer). With no public
    // address configured, the link points at the address the console was opened at.
    const staff = await browser.newPage({ timezoneId: 'Asia/Shanghai' });
    await staff.goto(`${base}/login`);
    await staff.fill('#login-email', 'admin@e2e-m.test');
    await staff.fill('#login-password', 'correct horse battery');
    await staff.click('#login-submit');
    await staff.waitForURL((url) => !url.pathname.startsWith('/login'));
    await staff.goto(`${base}/points`);
    await staff.locator('.ant-table-row', { hasText: '小美' }).click();
    await staff.getByTestId('copy-member-link').click();
    await staff.getByTestId('member-link-url').waitFor({ timeout: 15_000 });
    link = await staff.getByTestId('member-link-url').inputValue();
    expect(link).toMatch(new RegExp(`^${base.replace(/[.]/g, '\\.')}/m/#t=[A-Za-z0-9_-]+$`));
    await staff.close();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await database?.drop();
  });

  it('opens from the link, checks in and shows the day, redeems a reward and shows the balance drop', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, timezoneId: 'Asia/Shanghai', locale: 'zh-CN' });
    const page = await context.newPage();
    const failed: string[] = [];
    page.on('pageerror', (e) => failed.push(e.message));
    await page.goto(link);
    await page.getByTestId('m-member-name').filter({ hasText: '小美' }).waitFor({ timeout: 15_000 });
    await page.getByTestId('m-balance').filter({ hasText: /^100$/ }).waitFor();
    await page.getByTestId('m-history').getByText('人工调整 · 新人礼').waitFor();
    // The token leaves the address bar once it is kept.
    expect(page.url()).not.toContain('#t=');
    // Nothing wider than the phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

    // English and back.
    await page.getByTestId('m-lang').click();
    await page.getByTestId('m-tab-points').filter({ hasText: 'Points' }).waitFor();
    await page.getByTestId('m-lang').click();
    await page.getByTestId('m-tab-points').filter({ hasText: '我的积分' }).waitFor();

    // Check in: the day is marked, the button says done, the points arrive.
    await page.getByTestId('m-tab-check-in').click();
    const today = (await one<{ d: string }>(database.db, sql`select to_char((now() at time zone 'Asia/Shanghai')::date, 'YYYY-MM-DD') as d`))!.d;
    const cell = page.locator(`[data-day="${today}"]`);
    await cell.waitFor();
    expect(await cell.getAttribute('data-checked')).toBe('false');
    await page.getByTestId('m-check-in').click();
    await page.getByTestId('m-toast').filter({ hasText: '签到成功，已连续签到 1 天，+5 积分' }).waitFor({ timeout: 15_000 });
    await page.locator(`[data-day="${today}"][data-checked="true"]`).waitFor({ timeout: 15_000 });
    await page.getByTestId('m-check-in').filter({ hasText: '今日已签到' }).waitFor();
    expect(await page.getByTestId('m-check-in').isDisabled()).toBe(true);
    await page.getByTestId('m-streak').filter({ hasText: '1 天' }).waitFor();
    await page.screenshot({ path: path.join(process.cwd(), '.tmp', 'e2e-member-check-in.png'), fullPage: true }).catch(() => undefined);

    // Redeem: the catalogue, a confirmation, the balance drops by the cost; the unaffordable one cannot be tapped.
    await page.getByTestId('m-tab-rewards').click();
    await page.getByTestId('m-shop-balance').filter({ hasText: /^105$/ }).waitFor({ timeout: 15_000 });
    const speaker = page.getByTestId('m-reward-蓝牙音箱').getByRole('button');
    expect([await speaker.textContent(), await speaker.isDisabled()]).toEqual(['积分不足', true]);
    await page.getByTestId('m-reward-帆布袋').getByRole('button', { name: '兑换' }).click();
    await page.getByRole('dialog').getByText('使用 30 积分兑换「帆布袋」？兑换后剩余 75 积分。').waitFor();
    await page.getByTestId('m-confirm').click();
    await page.getByTestId('m-toast').filter({ hasText: '兑换成功' }).waitFor({ timeout: 15_000 });
    await page.getByTestId('m-shop-balance').filter({ hasText: /^75$/ }).waitFor({ timeout: 15_000 });
    await page.getByTestId('m-redemptions').getByText('帆布袋').waitFor();
    await page.getByTestId('m-redemptions').getByText(/待发放/).waitFor();
    await page.getByTestId('m-reward-帆布袋').getByText('剩余 1').waitFor();
    await page.screenshot({ path: path.join(process.cwd(), '.tmp', 'e2e-member-rewards.png'), fullPage: true }).catch(() => undefined);
    const spent = await one<{ n: number; balance: number }>(database.db, sql`
      select (select count(*)::int from reward_redemptions where member_id = ${memberId}) as n,
        (select balance from points_accounts where member_id = ${memberId}) as balance`);
    expect(spent).toEqual({ n: 1, balance: 75 });

    // A lucky draw: the result, then the entry in the member's own list.
    await page.getByTestId('m-tab-draws').click();
    await page.getByTestId('m-draw-幸运抽奖').getByRole('button', { name: '抽奖', exact: true }).click();
    await page.getByTestId('m-draw-result').filter({ hasText: '恭喜！你抽中了「小熊贴纸」' }).waitFor({ timeout: 15_000 });
    await page.getByTestId('m-confirm').click();
    await page.getByTestId('m-draw-幸运抽奖').getByRole('button', { name: '本轮机会已用完' }).waitFor({ timeout: 15_000 });

    // Invites: take part, see the progress and the personal poster.
    await page.getByTestId('m-tab-invite').click();
    await page.getByTestId('m-campaign-邀请 3 位好友').getByRole('button', { name: '参加活动，生成我的海报' }).click();
    await page.getByTestId('m-invite-progress').filter({ hasText: '已成功邀请 0/3' }).waitFor({ timeout: 15_000 });
    const poster = page.getByTestId('m-poster');
    await poster.waitFor();
    await page.waitForFunction(() => { const img = document.querySelector<HTMLImageElement>('[data-testid="m-poster"]'); return !!img && img.complete && img.naturalWidth > 0; }, undefined, { timeout: 15_000 });
    expect(await poster.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(750);
    await page.screenshot({ path: path.join(process.cwd(), '.tmp', 'e2e-member-invite.png') }).catch(() => undefined);

    // A reload keeps the member signed in; the history shows the spend.
    await page.goto(`${base}/m/#/points`);
    await page.getByTestId('m-balance').filter({ hasText: /^75$/ }).waitFor({ timeout: 15_000 });
    await page.getByTestId('m-history').getByText('兑换礼品').waitFor();
    expect(failed).toEqual([]);
    await context.close();
  });

  it('a tampered link shows why it cannot open', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true });
    const page = await context.newPage();
    await page.goto(`${link.slice(0, -4)}AAAA`);
    await page.getByTestId('m-link-problem').getByText('链接无法打开').waitFor({ timeout: 15_000 });
    await page.getByTestId('m-link-problem').getByText(/signature does not match/).waitFor();
    await context.close();
  });
});
