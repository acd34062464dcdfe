import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { createTestDatabase } from '../helpers/database.js';
import { as, loginAs, makeWorkspace } from '../helpers/app.js';
import { buildApp } from '../../src/server/app.js';
import { withTenant } from '../../src/core/context.js';
import { ingestEvents } from '../../src/modules/tracking/ingest-events.js';
import { deliverSandboxNotifications } from '../../src/modules/commerce/payments/deliver-sandbox-notifications.js';
import { buildConsole, consoleBuildNeeded, CONSOLE_DIST } from '../../src/cli/build-console.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const haveChromium = fs.existsSync(CHROMIUM);
if (!haveChromium) console.warn(`[e2e] skipping group-leader page tests: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);

describe.skipIf(!haveChromium)('group leaders in the console, in Chromium', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;
  let op: ReturnType<typeof as>;
  let skuId: string;

  beforeAll(async () => {
    if (consoleBuildNeeded()) await buildConsole();
    database = await createTestDatabase();
    const ws = await makeWorkspace(database, 'e2e-gl', [{ email: 'op@e2e-gl.test', role: 'operator' }]);
    await withTenant(database, ws, { kind: 'system', name: 'e2e' }, (ctx) => ingestEvents(ctx, ['小林', '小周'].map((name, i) => ({
      id: `gl-e${i}`, type: 'member.joined', occurredAt: new Date(Date.now() - 3600_000).toISOString(),
      community: { channel: 'sandbox', externalId: 'e2e-gl-g1', name: '幸福里团购群' }, member: { channel: 'sandbox', externalId: `m${i}`, name }, data: {},
    }))));
    app = await buildApp({ database, consoleDir: CONSOLE_DIST });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const addr = app.server.address();
    base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
    op = as(app, await loginAs(app, 'op@e2e-gl.test'));
    const product = await op.post('/api/v1/products', { name: '车厘子', skus: [{ name: '2斤装', priceCents: 10_000, stock: 10 }] });
    skuId = product.json().skus[0].id;
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

  it('an operator appoints a leader, sees a paid order of the community on the pickup list and marks it handed over', async () => {
    const page = await browser.newPage({ timezoneId: 'Asia/Shanghai', locale: 'zh-CN' });
    const failed: string[] = [];
    page.on('pageerror', (e) => failed.push(e.message));
    await page.goto(`${base}/login`);
    await page.fill('#login-email', 'op@e2e-gl.test');
    await page.fill('#login-password', 'correct horse battery');
    await page.click('#login-submit');
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.getByTestId('nav-group-leaders').click();
    await page.getByTestId('group-leaders-title').filter({ hasText: '团长' }).waitFor({ timeout: 15_000 });

    // The dialog: a member is required, and a phone that is not one is refused under the field.
    await page.getByTestId('leader-add').click();
    await page.getByTestId('leader-save').click();
    await page.getByText('请选择一位成员').waitFor();
    await page.getByTestId('leader-member').click();
    await page.keyboard.type('小林');
    await page.locator('.ant-select-item-option', { hasText: '小林' }).click();
    await page.locator('.ant-modal').getByTestId('community-select').click();
    await page.locator('.ant-select-item-option', { hasText: '幸福里团购群' }).click();
    await page.getByTestId('leader-pickup-name').fill('幸福里自提点');
    await page.getByTestId('leader-pickup-address').fill('幸福里 3 号楼 1 层便利店');
    await page.getByTestId('leader-pickup-phone').fill('12345');
    await page.getByTestId('leader-save').click();
    await page.getByText('请填写手机号（如 13800138000）或带区号的座机（如 010-12345678）').waitFor();
    await page.getByTestId('leader-pickup-phone').fill('13800138000');
    await page.getByTestId('leader-save').click();
    const table = page.getByTestId('leaders-table');
    await table.getByText('幸福里自提点').waitFor({ timeout: 15_000 });
    const leader = (await op.get('/api/v1/group-leaders')).json().items[0];
    expect(leader).toMatchObject({ memberName: '小林', commissionBps: 1000, pickupPhone: '13800138000' });

    // 小周 buys 2 in the group and pays: the order is 小林's to hand over, and earns ¥20.00 frozen.
    const community = leader.communityId as string;
    const buyer = (await op.get(`/api/v1/members?q=${encodeURIComponent('小周')}`)).json().items[0].id as string;
    const order = (await op.post('/api/v1/orders', { memberId: buyer, lines: [{ skuId, quantity: 2 }], idempotencyKey: 'e2e-gl-order-1', attribution: { communityId: community } })).json();
    const payment = (await op.post(`/api/v1/orders/${order.id}/payments`, { provider: 'sandbox' })).json();
    await op.post(`/api/v1/payments/sandbox/${payment.id}/complete`, { outcome: 'succeeded' });
    await deliverSandboxNotifications(database);
    await page.reload();
    await page.getByTestId(`leader-commission-${leader.id}`).filter({ hasText: '¥20.00 / ¥0.00 / ¥0.00' }).waitFor({ timeout: 15_000 });
    await page.getByTestId(`leader-view-${leader.id}`).click();
    const orders = page.getByTestId('leader-orders-table');
    await orders.getByText('小周').waitFor({ timeout: 15_000 });
    await orders.getByText('车厘子 · 2斤装 × 2').waitFor();
    await page.getByTestId(`hand-over-${order.id}`).click();
    await page.getByText('已标记交货').waitFor({ timeout: 15_000 });
    await page.getByTestId('leader-orders-filter').getByText('已交货').click();
    await orders.getByText('已发货').waitFor({ timeout: 15_000 });
    expect((await op.get(`/api/v1/orders/${order.id}`)).json().status).toBe('fulfilled');
    expect(failed).toEqual([]);
    await page.close();
  }, 120_000);
});
