import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, loginAs, makeWorkspace } from '../helpers/app.js';
import { deliverSandboxNotifications } from '../../src/modules/commerce/payments/deliver-sandbox-notifications.js';
import { haveChromium, openStage, phonePage, sandboxGroup, warnIfNoChromium, type Stage } from './harness.js';

warnIfNoChromium('member shop tests');

describe.skipIf(!haveChromium)('the member shop on a phone, in Chromium', () => {
  let stage: Stage;
  let op: ReturnType<typeof as>;
  const links: Record<string, string> = {};
  // The payments.sandbox job's part: deliver the signed notifications as they are queued.
  let delivery: ReturnType<typeof setInterval> | undefined;

  beforeAll(async () => {
    stage = await openStage();
    const ws = await makeWorkspace(stage.database, 'e2e-shop', [{ email: 'op@e2e-shop.test', role: 'operator' }]);
    const ids = await sandboxGroup(stage, ws, { externalId: 'e2e-shop-g1', name: '团购群' }, [{ externalId: 'm0', name: '小林' }, { externalId: 'm1', name: '小周' }]);
    op = as(stage.app, await loginAs(stage.app, 'op@e2e-shop.test'));
    const product = await op.post('/api/v1/products', { name: '车厘子', description: '智利进口', skus: [{ name: '2斤装', priceCents: 10_000, stock: 10 }] });
    expect(product.statusCode, product.body).toBe(201);
    const deal = await op.post('/api/v1/group-buy/deals', { name: '车厘子三人团', skuId: product.json().skus[0].id, groupSize: 3, windowHours: 24, groupPriceCents: 5_990 });
    expect(deal.statusCode, deal.body).toBe(201);
    for (const [who, id] of Object.entries(ids)) {
      const url = (await op.post(`/api/v1/members/${id}/member-link`, {})).json().url as string;
      links[who] = `${stage.base}/m/${url.slice(url.indexOf('#'))}`;
    }
    delivery = setInterval(() => { deliverSandboxNotifications(stage.database).catch(() => {}); }, 400);
  }, 180_000);

  afterAll(async () => {
    clearInterval(delivery);
    await stage?.close();
  });

  it('a member buys a product, pays in the sandbox and sees it paid in 我的订单', async () => {
    const { page, failed } = await phonePage(stage);
    await page.goto(links.m0!);
    await page.getByTestId('m-member-name').filter({ hasText: '小林' }).waitFor({ timeout: 15_000 });
    await page.getByTestId('m-tab-shop').click();
    await page.getByTestId('m-product-车厘子').filter({ hasText: '¥100.00' }).waitFor({ timeout: 15_000 });
    await page.getByTestId('m-product-车厘子').click();
    await page.getByTestId('m-product-detail').getByText('库存 10').waitFor();
    await page.getByRole('button', { name: '+' }).click();
    await page.getByTestId('m-quote').filter({ hasText: '¥200.00' }).waitFor({ timeout: 15_000 });
    await page.getByTestId('m-buy').click();
    await page.getByTestId('m-order-placed').filter({ hasText: '¥200.00' }).waitFor({ timeout: 15_000 });
    await page.locator('[data-testid^="m-pay-"]').click();
    await page.getByText('沙箱支付：演示用，不会真实扣款。').waitFor();
    await page.getByTestId('m-confirm').click();
    await page.getByTestId('m-toast').filter({ hasText: '支付成功' }).waitFor({ timeout: 30_000 });
    const orders = page.getByTestId('m-orders');
    await orders.getByText('车厘子 · 2斤装 × 2').waitFor({ timeout: 15_000 });
    await orders.getByTestId('m-order-status').filter({ hasText: '已支付' }).waitFor();
    expect((await op.get('/api/v1/orders')).json().items.map((o: { status: string; totalCents: number }) => [o.status, o.totalCents])).toEqual([['paid', 20_000]]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    expect(failed).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('a member opens a group; a second member joins it through the share link', async () => {
    const { page, failed } = await phonePage(stage);
    await page.goto(links.m0!);
    await page.getByTestId('m-member-name').waitFor({ timeout: 15_000 });
    await page.goto(`${stage.base}/m/#/shop/group-buy`);
    await page.getByTestId('m-open-车厘子三人团').click();
    await page.getByTestId('m-toast').filter({ hasText: '开团成功' }).waitFor({ timeout: 15_000 });
    const groupId = (await op.get('/api/v1/group-buy/groups')).json().items[0].id as string;
    const mine = page.getByTestId(`m-group-${groupId}`);
    await mine.getByTestId('m-group-progress').filter({ hasText: '已参团 1/3 人，已付款 0 人' }).waitFor({ timeout: 15_000 });
    await mine.getByText('小林（我）（团长）').waitFor();
    await mine.getByTestId('m-share-group').waitFor();

    // The second member has opened their own member link on this phone before; the share link carries no token.
    const second = await phonePage(stage);
    await second.page.goto(links.m1!);
    await second.page.getByTestId('m-member-name').filter({ hasText: '小周' }).waitFor({ timeout: 15_000 });
    await second.page.goto(`${stage.base}/m/?group=${groupId}`);
    const shared = second.page.getByTestId('m-shared-group');
    await shared.getByText('小林（团长）').waitFor({ timeout: 15_000 });
    await shared.getByTestId('m-join').click();
    await second.page.getByTestId('m-toast').filter({ hasText: '参团成功' }).waitFor({ timeout: 15_000 });
    await shared.getByTestId('m-group-progress').filter({ hasText: '已参团 2/3 人' }).waitFor({ timeout: 15_000 });
    expect(await shared.getByTestId('m-join').count()).toBe(0);
    // Paying the seat counts it on the group.
    await shared.locator('[data-testid^="m-pay-"]').click();
    await second.page.getByTestId('m-confirm').click();
    await second.page.getByTestId('m-toast').filter({ hasText: '支付成功' }).waitFor({ timeout: 30_000 });
    await shared.getByTestId('m-group-progress').filter({ hasText: '已付款 1 人' }).waitFor({ timeout: 15_000 });
    expect([...failed, ...second.failed]).toEqual([]);
    await second.page.context().close();
    await page.context().close();
  }, 120_000);
});
