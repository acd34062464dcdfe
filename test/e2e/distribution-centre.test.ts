import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { createTestDatabase } from '../helpers/database.js';
import { as, loginAs, makeWorkspace } from '../helpers/app.js';
import { buildApp } from '../../src/server/app.js';
import { withTenant, type WorkspaceRef } from '../../src/core/context.js';
import { ingestEvents } from '../../src/modules/tracking/ingest-events.js';
import { buildConsole, consoleBuildNeeded, CONSOLE_DIST } from '../../src/cli/build-console.js';
import { one, sql } from '../../src/db/client.js';
import { memberLink } from '../../src/modules/member-pages/member-links.js';
import { runCommissionRelease } from '../../src/modules/commerce/distribution/release-commissions.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const haveChromium = fs.existsSync(CHROMIUM);
if (!haveChromium) console.warn(`[e2e] skipping distribution tests: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);
const DAY = 86_400_000;

describe.skipIf(!haveChromium)('distribution: the console page and the member distributor centre in Chromium', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;
  let ws: WorkspaceRef;
  let memberId: string;

  beforeAll(async () => {
    if (consoleBuildNeeded()) await buildConsole();
    database = await createTestDatabase();
    ws = await makeWorkspace(database, 'e2e-dist', [{ email: 'admin@e2e-d.test', role: 'admin' }]);
    const community = { channel: 'sandbox' as const, externalId: 'e2e-d-g1', name: '分销商学院' };
    await withTenant(database, ws, { kind: 'system', name: 'e2e' }, async (ctx) => {
      await ingestEvents(ctx, ['xm', 'kh'].map((who) => ({
        id: `d-${who}`, type: 'member.joined', occurredAt: new Date(Date.now() - 20 * DAY).toISOString(), community,
        member: { channel: 'sandbox', externalId: who, name: who === 'xm' ? '小美' : '客户甲' }, data: {},
      })));
      memberId = (await one<{ id: string }>(ctx.db, sql`select member_id as id from member_identities where external_id = 'xm'`))!.id;
    });
    app = await buildApp({ database, consoleDir: CONSOLE_DIST });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const addr = app.server.address();
    base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
    const admin = as(app, await loginAs(app, 'admin@e2e-d.test'));
    const saved = await admin.put('/api/v1/distribution/settings', {
      tier1Bps: 1000, tier2Bps: 300, bindingRule: 'first_touch', bindingDays: 30, refundWindowDays: 7, minWithdrawalCents: 1000, landingUrl: 'https://shop.example/m',
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await database?.drop();
  });

  it('a member applies, an operator approves in the console, the member sees the code and earnings and withdraws', async () => {
    const link = (await withTenant(database, ws, { kind: 'system', name: 'e2e' }, (ctx) => memberLink(ctx, memberId, { baseUrl: base }))).url;
    const context = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, timezoneId: 'Asia/Shanghai', locale: 'zh-CN' });
    const page = await context.newPage();
    const failed: string[] = [];
    page.on('pageerror', (e) => failed.push(e.message));
    await page.goto(link);
    await page.getByTestId('m-member-name').filter({ hasText: '小美' }).waitFor({ timeout: 15_000 });
    await page.getByTestId('m-tab-distribution').click();
    await page.getByTestId('m-distribution-apply').waitFor({ timeout: 15_000 });
    await page.getByTestId('m-apply').click();
    await page.getByTestId('m-distribution-pending').waitFor({ timeout: 15_000 });

    // The operator approves the application on the console's 分销 page.
    const staff = await browser.newPage({ timezoneId: 'Asia/Shanghai' });
    staff.on('pageerror', (e) => failed.push(`console: ${e.message}`));
    await staff.goto(`${base}/login`);
    await staff.fill('#login-email', 'admin@e2e-d.test');
    await staff.fill('#login-password', 'correct horse battery');
    await staff.click('#login-submit');
    await staff.waitForURL((url) => !url.pathname.startsWith('/login'));
    await staff.getByTestId('nav-distribution').click();
    await staff.getByTestId('distribution-title').waitFor({ timeout: 15_000 });
    // AntD puts the test id on the input itself or on its wrapper, by version.
    const tier1 = staff.locator('input[data-testid="distribution-tier1"], [data-testid="distribution-tier1"] input').first();
    await staff.getByTestId('distribution-settings').locator('input[value="10.00"]').first().waitFor({ timeout: 15_000 });
    expect(await tier1.inputValue()).toBe('10.00');
    await staff.getByTestId('approve-小美').click();
    await staff.locator('.ant-popconfirm .ant-btn-primary').click();
    await staff.getByTestId('distribution-distributors').locator('.ant-tag', { hasText: '已通过' }).waitFor({ timeout: 15_000 });
    const code = (await one<{ code: string }>(database.db, sql`select code from distributors where member_id = ${memberId}`))!.code;

    // A customer buys through the code 8 days ago; the refund window has passed, the job releases it.
    await withTenant(database, ws, { kind: 'system', name: 'e2e' }, (ctx) => ingestEvents(ctx, [{
      id: 'pay-1', type: 'order.paid', occurredAt: new Date(Date.now() - 8 * DAY).toISOString(), member: { channel: 'sandbox', externalId: 'kh' },
      data: { orderId: 'E-1', amountCents: 25_000, referral: code },
    }]));
    await runCommissionRelease(database);

    await page.reload();
    await page.getByTestId('m-distribution-code').filter({ hasText: code }).waitFor({ timeout: 15_000 });
    await page.getByTestId('m-available').filter({ hasText: '¥25.00' }).waitFor();
    await page.getByTestId('m-frozen').filter({ hasText: '¥0.00' }).waitFor();
    await page.getByTestId('m-earnings').getByText('直接客户订单 · E-1').waitFor();
    await page.getByText(`https://shop.example/m?ref=${code}`).waitFor();
    // Below the minimum the button stays off; within the balance a confirmation, then the balance drops.
    await page.getByTestId('m-withdraw-amount').fill('5');
    expect(await page.getByTestId('m-withdraw').isDisabled()).toBe(true);
    await page.getByTestId('m-withdraw-amount').fill('20');
    await page.getByTestId('m-withdraw').click();
    await page.getByRole('dialog').getByText('提现 ¥20.00？').waitFor();
    await page.getByTestId('m-confirm').click();
    await page.getByTestId('m-toast').filter({ hasText: '提现申请已提交' }).waitFor({ timeout: 15_000 });
    await page.getByTestId('m-available').filter({ hasText: '¥5.00' }).waitFor({ timeout: 15_000 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await page.screenshot({ path: path.join(process.cwd(), '.tmp', 'e2e-member-distribution.png'), fullPage: true }).catch(() => undefined);

    // The console lists the withdrawal to settle; marking it paid settles it.
    await staff.reload();
    const row = staff.getByTestId('distribution-withdrawals').locator('.ant-table-row', { hasText: '小美' });
    await row.getByRole('button', { name: '确认已打款' }).click({ timeout: 15_000 });
    await staff.locator('.ant-popconfirm .ant-btn-primary').click();
    await staff.getByTestId('distribution-withdrawals').locator('.ant-tag', { hasText: '已打款' }).waitFor({ timeout: 15_000 });
    const books = await one<{ available: number; withdrawn: number }>(database.db, sql`
      select available_cents::float8 as available, withdrawn_cents::float8 as withdrawn from distributors where member_id = ${memberId}`);
    expect(books).toEqual({ available: 500, withdrawn: 2000 });
    await staff.setViewportSize({ width: 1440, height: 900 });
    await staff.screenshot({ path: path.join(process.cwd(), '.tmp', 'e2e-console-distribution.png'), fullPage: true }).catch(() => undefined);
    expect(failed).toEqual([]);
    await staff.close();
    await context.close();
  }, 120_000);
});
