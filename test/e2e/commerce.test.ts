import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, loginAs, makeWorkspace } from '../helpers/app.js';
import { deliverSandboxNotifications } from '../../src/modules/commerce/payments/deliver-sandbox-notifications.js';
import { consolePage, haveChromium, openStage, sandboxGroup, signIn, warnIfNoChromium, type Stage } from './harness.js';

warnIfNoChromium('product and order page tests');

describe.skipIf(!haveChromium)('products and orders in the console, in Chromium', () => {
  let stage: Stage;
  let memberId: string;

  beforeAll(async () => {
    stage = await openStage();
    const ws = await makeWorkspace(stage.database, 'e2e-shop', [{ email: 'op@e2e-shop.test', role: 'operator' }]);
    memberId = (await sandboxGroup(stage, ws, { externalId: 'e2e-s-g1', name: '团购群' }, [{ externalId: 'xm', name: '小美' }])).xm!;
  }, 180_000);

  afterAll(async () => { await stage?.close(); });

  it('a product added in the console is sold, paid through the sandbox and partly refunded, with stock and money adding up', async () => {
    const { page, failed } = await consolePage(stage);
    await signIn(page, stage.base, 'op@e2e-shop.test');

    await page.goto(`${stage.base}/products`);
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

    const api = as(stage.app, await loginAs(stage.app, 'op@e2e-shop.test'));
    const product = (await api.get('/api/v1/products')).json().items[0];
    expect(product).toMatchObject({ name: '有机大米', status: 'on_sale', skus: [{ name: '5kg', priceCents: 5990, stock: 10 }] });
    const ordered = await api.post('/api/v1/orders', { memberId, lines: [{ skuId: product.skus[0].id, quantity: 2 }], idempotencyKey: 'e2e-shop-order-1' });
    expect(ordered.statusCode, ordered.body).toBeLessThan(300);
    const orderId = ordered.json().id as string;
    expect(ordered.json()).toMatchObject({ status: 'created', totalCents: 11_980 });

    // The order in the console: start a sandbox payment, let the provider succeed, and its notice mark it paid.
    await page.goto(`${stage.base}/orders`);
    await page.getByTestId(`order-row-${orderId}`).click();
    const drawer = page.getByTestId('order-drawer');
    await drawer.getByRole('button', { name: '发起支付（沙箱）' }).click();
    await drawer.getByTestId('sandbox-pay').click();
    await expect.poll(async () => { await deliverSandboxNotifications(stage.database); return (await api.get(`/api/v1/orders/${orderId}`)).json().status; }, { timeout: 15_000 }).toBe('paid');
    await drawer.getByRole('button', { name: /刷\s*新/ }).click();
    await drawer.locator('.ant-tag', { hasText: '已支付' }).first().waitFor({ timeout: 15_000 });

    // A partial refund of 20 yuan: the order stays paid with 20 yuan refunded.
    await drawer.getByTestId('order-refund').click();
    const refund = page.locator('.ant-modal', { has: page.getByTestId('refund-amount') });
    await refund.getByTestId('refund-amount').fill('20');
    await refund.getByRole('button', { name: /退\s*款/ }).click();
    await refund.waitFor({ state: 'hidden', timeout: 15_000 });
    await expect.poll(async () => { await deliverSandboxNotifications(stage.database); return (await api.get(`/api/v1/orders/${orderId}`)).json(); }, { timeout: 15_000 })
      .toMatchObject({ status: 'paid', paidCents: 11_980, refundedCents: 2_000 });
    expect((await api.get('/api/v1/products')).json().items[0].skus[0].stock).toBe(8);

    // 销售分析: today's net is the payment less its refund, on a row for orders that name no community.
    await page.goto(`${stage.base}/sales`);
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
