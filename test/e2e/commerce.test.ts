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
import { deliverSandboxNotifications } from '../../src/modules/commerce/payments/deliver-sandbox-notifications.js';
import { one, sql } from '../../src/db/client.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const haveChromium = fs.existsSync(CHROMIUM);
if (!haveChromium) console.warn(`[e2e] skipping product and order page tests: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);

describe.skipIf(!haveChromium)('products and orders in the console, in Chromium', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;
  let memberId: string;

  beforeAll(async () => {
    if (consoleBuildNeeded()) await buildConsole();
    database = await createTestDatabase();
    const ws = await makeWorkspace(database, 'e2e-shop', [{ email: 'op@e2e-shop.test', role: 'operator' }]);
    await withTenant(database, ws, { kind: 'system', name: 'e2e' }, async (ctx) => {
      await ingestEvents(ctx, [{ id: 's-e1', type: 'member.joined', occurredAt: new Date(Date.now() - 3600_000).toISOString(), community: { channel: 'sandbox', externalId: 'e2e-s-g1', name: '团购群' }, member: { channel: 'sandbox', externalId: 'xm', name: '小美' }, data: {} }]);
      memberId = (await one<{ id: string }>(ctx.db, sql`select member_id as id from member_identities where external_id = 'xm'`))!.id;
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

  it('a product added in the console is sold, paid through the sandbox and partly refunded, with stock and money adding up', async () => {
    const page = await browser.newPage({ timezoneId: 'Asia/Shanghai', locale: 'zh-CN' });
    const failed: string[] = [];
    page.on('pageerror', (e) => failed.push(e.message));
    await page.goto(`${base}/login`);
    await page.fill('#login-email', 'op@e2e-shop.test');
    await page.fill('#login-password', 'correct horse battery');
    await page.click('#login-submit');
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));

    await page.goto(`${base}/products`);
    await page.getByTestId('products-table').waitFor({ timeout: 15_000 });
    await page.getByTestId('product-add').click();
    const dialog = page.locator('.ant-modal', { has: page.getByTestId('product-name') });
    await dialog.getByTestId('product-name').fill('有机大米');
    await dialog.getByTestId('sku-name').fill('5kg');
    await dialog.getByTestId('sku-price').fill('59.90');
    await dialog.getByTestId('sku-stock').fill('10');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.waitFor({ state: 'hidden', timeout: 15_000 });
    await page.getByTestId('products-table').getByText('有机大米').waitFor({ timeout: 15_000 });

    const api = as(app, await loginAs(app, 'op@e2e-shop.test'));
    const product = (await api.get('/api/v1/products')).json().items[0];
    expect(product).toMatchObject({ name: '有机大米', status: 'on_sale', skus: [{ name: '5kg', priceCents: 5990, stock: 10 }] });
    const ordered = await api.post('/api/v1/orders', { memberId, lines: [{ skuId: product.skus[0].id, quantity: 2 }], idempotencyKey: 'e2e-shop-order-1' });
    expect(ordered.statusCode, ordered.body).toBeLessThan(300);
    const orderId = ordered.json().id as string;
    expect(ordered.json()).toMatchObject({ status: 'created', totalCents: 11_980 });

    // The order in the console: start a sandbox payment, let the provider succeed, and its notice mark it paid.
    await page.goto(`${base}/orders`);
    await page.getByTestId(`order-row-${orderId}`).click();
    const drawer = page.getByTestId('order-drawer');
    await drawer.getByRole('button', { name: '发起支付（沙箱）' }).click();
    await drawer.getByTestId('sandbox-pay').click();
    await expect.poll(async () => { await deliverSandboxNotifications(database); return (await api.get(`/api/v1/orders/${orderId}`)).json().status; }, { timeout: 15_000 }).toBe('paid');
    await drawer.getByRole('button', { name: /刷\s*新/ }).click();
    await drawer.locator('.ant-tag', { hasText: '已支付' }).first().waitFor({ timeout: 15_000 });

    // A partial refund of 20 yuan: the order stays paid with 20 yuan refunded.
    await drawer.getByTestId('order-refund').click();
    const refund = page.locator('.ant-modal', { has: page.getByTestId('refund-amount') });
    await refund.getByTestId('refund-amount').fill('20');
    await refund.getByRole('button', { name: /退\s*款/ }).click();
    await refund.waitFor({ state: 'hidden', timeout: 15_000 });
    await expect.poll(async () => { await deliverSandboxNotifications(database); return (await api.get(`/api/v1/orders/${orderId}`)).json(); }, { timeout: 15_000 })
      .toMatchObject({ status: 'paid', paidCents: 11_980, refundedCents: 2_000 });
    expect((await api.get('/api/v1/products')).json().items[0].skus[0].stock).toBe(8);

    // 销售分析: today's net is the payment less its refund, on a row for orders that name no community.
    await page.goto(`${base}/sales`);
    await page.getByTestId('sales-net').getByText('¥99.80').waitFor({ timeout: 15_000 });
    const table = page.getByTestId('sales-table');
    await table.getByText('未关联社群').waitFor({ timeout: 15_000 });
    await table.getByText('¥119.80').waitFor();
    await page.getByTestId('sales-by').getByText('活动').click();
    await table.getByText('未关联活动').waitFor({ timeout: 15_000 });
    expect(failed).toEqual([]);
    await page.close();
  }, 120_000);
});
