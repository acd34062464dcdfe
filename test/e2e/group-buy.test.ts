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

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const haveChromium = fs.existsSync(CHROMIUM);
if (!haveChromium) console.warn(`[e2e] skipping group-buy page tests: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);

describe.skipIf(!haveChromium)('group-buy in the console, in Chromium', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    if (consoleBuildNeeded()) await buildConsole();
    database = await createTestDatabase();
    const ws = await makeWorkspace(database, 'e2e-gb', [{ email: 'op@e2e-gb.test', role: 'operator' }]);
    await withTenant(database, ws, { kind: 'system', name: 'e2e' }, (ctx) => ingestEvents(ctx, ['小林', '小周'].map((name, i) => ({
      id: `gb-e${i}`, type: 'member.joined', occurredAt: new Date(Date.now() - 3600_000).toISOString(),
      community: { channel: 'sandbox', externalId: 'e2e-gb-g1', name: '团购群' }, member: { channel: 'sandbox', externalId: `m${i}`, name }, data: {},
    }))));
    app = await buildApp({ database, consoleDir: CONSOLE_DIST });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const addr = app.server.address();
    base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
    const op = as(app, await loginAs(app, 'op@e2e-gb.test'));
    expect((await op.post('/api/v1/products', { name: '车厘子', skus: [{ name: '2斤装', priceCents: 10_000, stock: 10 }] })).statusCode).toBe(201);
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

  it('an operator defines a deal, opens a group for a member and sees the group with its member', async () => {
    const page = await browser.newPage({ timezoneId: 'Asia/Shanghai', locale: 'zh-CN' });
    const failed: string[] = [];
    page.on('pageerror', (e) => failed.push(e.message));
    await page.goto(`${base}/login`);
    await page.fill('#login-email', 'op@e2e-gb.test');
    await page.fill('#login-password', 'correct horse battery');
    await page.click('#login-submit');
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.getByTestId('nav-group-buy').click();
    await page.getByTestId('group-buy-title').filter({ hasText: '拼团' }).waitFor({ timeout: 15_000 });

    // The dialog: a name is required, and a group price above the SKU's is refused under the field.
    await page.getByTestId('deal-add').click();
    await page.getByTestId('deal-save').click();
    await page.getByText('请填写活动名称').waitFor();
    await page.getByTestId('deal-name').fill('车厘子三人团');
    await page.getByTestId('deal-sku').click();
    await page.locator('.ant-select-item-option', { hasText: '车厘子 · 2斤装' }).click();
    await page.getByTestId('deal-price').fill('120');
    await page.getByTestId('deal-save').click();
    await page.getByText('团购价不能高于原价 ¥100.00').waitFor();
    await page.getByTestId('deal-price').fill('59.9');
    await page.getByTestId('deal-save').click();
    await page.getByTestId('deal-counts-车厘子三人团').filter({ hasText: '进行中 0 · 成团 0 · 失败 0' }).waitFor({ timeout: 15_000 });

    // Open a group for 小林: the group shows up open, 1 of 3, with 小林 as its opener.
    await page.getByTestId('deal-open-车厘子三人团').click();
    await page.getByTestId('seat-member').click();
    await page.keyboard.type('小林');
    await page.locator('.ant-select-item-option', { hasText: '小林' }).click();
    await page.getByTestId('seat-save').click();
    await page.getByTestId('deal-counts-车厘子三人团').filter({ hasText: '进行中 1' }).waitFor({ timeout: 15_000 });
    const groups = page.getByTestId('groups-table');
    await groups.getByText('1/3 人，已付 0').waitFor({ timeout: 15_000 });
    await groups.getByText('拼团中').waitFor();
    await groups.locator('.ant-table-row-expand-icon').first().click();
    await groups.getByText('小林').waitFor();
    await groups.getByText('开团人').waitFor();
    expect(failed).toEqual([]);
    await page.close();
  }, 120_000);
});
