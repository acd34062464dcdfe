import fs from 'node:fs';
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

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const haveChromium = fs.existsSync(CHROMIUM);
if (!haveChromium) console.warn(`[e2e] skipping coupon page tests: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);

describe.skipIf(!haveChromium)('coupons in the console and on the member pages, in Chromium', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;
  let memberId: string;

  beforeAll(async () => {
    if (consoleBuildNeeded()) await buildConsole();
    database = await createTestDatabase();
    const ws = await makeWorkspace(database, 'e2e-coupons', [{ email: 'op@e2e-c.test', role: 'operator' }]);
    await withTenant(database, ws, { kind: 'system', name: 'e2e' }, async (ctx) => {
      await ingestEvents(ctx, [{ id: 'c-e1', type: 'member.joined', occurredAt: new Date(Date.now() - 3600_000).toISOString(), community: { channel: 'sandbox', externalId: 'e2e-c-g1', name: '福利群' }, member: { channel: 'sandbox', externalId: 'xl', name: '小林' }, data: {} }]);
      memberId = (await one<{ id: string }>(ctx.db, sql`select member_id as id from member_identities where external_id = 'xl'`))!.id;
    });
    app = await buildApp({ database, consoleDir: CONSOLE_DIST });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const addr = app.server.address();
    base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
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

  it('an operator creates a coupon with the fields its kind needs, grants it, and the member sees it in 我的优惠券', async () => {
    const page = await browser.newPage({ timezoneId: 'Asia/Shanghai', locale: 'zh-CN' });
    const failed: string[] = [];
    page.on('pageerror', (e) => failed.push(e.message));
    await page.goto(`${base}/login`);
    await page.fill('#login-email', 'op@e2e-c.test');
    await page.fill('#login-password', 'correct horse battery');
    await page.click('#login-submit');
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.getByTestId('nav-coupons').click();
    await page.getByTestId('coupons-title').filter({ hasText: '优惠券' }).waitFor({ timeout: 15_000 });

    // The dialog: an empty name is refused under the field; a threshold coupon asks for its minimum spend.
    await page.getByTestId('coupon-add').click();
    await page.getByTestId('coupon-save').click();
    await page.getByText('请输入名称').waitFor();
    await page.getByTestId('coupon-kind').click();
    await page.locator('.ant-select-item-option', { hasText: '满减券' }).click();
    await page.getByTestId('coupon-min-spend').waitFor();
    await page.getByTestId('coupon-kind').click();
    await page.locator('.ant-select-item-option', { hasText: '折扣券' }).click();
    await page.getByTestId('coupon-percent').waitFor();
    expect(await page.getByTestId('coupon-amount').count()).toBe(0);
    await page.getByTestId('coupon-kind').click();
    await page.locator('.ant-select-item-option', { hasText: '无门槛券' }).click();
    await page.getByTestId('coupon-name').fill('新人 5 元券');
    await page.getByTestId('coupon-total').fill('2');
    await page.getByTestId('coupon-save').click();
    await page.getByTestId('coupon-numbers-新人 5 元券').filter({ hasText: '0 / 0 / 2' }).waitFor({ timeout: 15_000 });

    // Grant it to a member from the claims drawer.
    await page.getByTestId('coupon-row-新人 5 元券').click();
    await page.getByTestId('coupon-variable').waitFor();
    await page.getByTestId('coupon-grant-member').click();
    await page.keyboard.type('小林');
    await page.locator('.ant-select-item-option', { hasText: '小林' }).click();
    await page.getByTestId('coupon-grant').click();
    await page.getByText(/已发放，券码 [A-Z2-9]{10}/).waitFor({ timeout: 15_000 });
    await page.getByTestId('coupon-claims-table').getByText('小林').waitFor({ timeout: 15_000 });
    await page.keyboard.press('Escape');
    await page.getByTestId('coupon-numbers-新人 5 元券').filter({ hasText: '1 / 0 / 1' }).waitFor({ timeout: 15_000 });

    // The member's own page lists it with its code.
    const op = as(app, await loginAs(app, 'op@e2e-c.test'));
    const url = (await op.post(`/api/v1/members/${memberId}/member-link`, {})).json().url as string;
    const code = (await op.get(`/api/v1/coupon-claims?memberId=${memberId}`)).json().items[0].code as string;
    const phone = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, timezoneId: 'Asia/Shanghai', locale: 'zh-CN' });
    const m = await phone.newPage();
    m.on('pageerror', (e) => failed.push(e.message));
    await m.goto(`${base}/m/${url.slice(url.indexOf('#'))}`);
    await m.getByTestId('m-tab-coupons').click();
    await m.getByTestId(`m-coupon-${code}`).filter({ hasText: '新人 5 元券' }).waitFor({ timeout: 15_000 });
    await m.getByTestId(`m-coupon-${code}`).filter({ hasText: '¥5.00' }).waitFor();
    await m.getByTestId('m-coupons-used').click();
    await m.getByText('这里还没有优惠券').waitFor({ timeout: 15_000 });
    expect(await m.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    expect(failed).toEqual([]);
    await phone.close();
    await page.close();
  }, 120_000);
});
