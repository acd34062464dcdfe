import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, loginAs, makeWorkspace } from '../helpers/app.js';
import { deliverSandboxNotifications } from '../../src/modules/commerce/payments/deliver-sandbox-notifications.js';
import { consolePage, haveChromium, OPEN_DROPDOWN, openStage, pickOption, sandboxGroup, signIn, warnIfNoChromium, type Stage } from './harness.js';

warnIfNoChromium('group-leader page tests');

describe.skipIf(!haveChromium)('group leaders in the console, in Chromium', () => {
  let stage: Stage;
  let op: ReturnType<typeof as>;
  let skuId: string;

  beforeAll(async () => {
    stage = await openStage();
    const ws = await makeWorkspace(stage.database, 'e2e-gl', [{ email: 'op@e2e-gl.test', role: 'operator' }]);
    await sandboxGroup(stage, ws, { externalId: 'e2e-gl-g1', name: '幸福里团购群' }, [{ externalId: 'm0', name: '小林' }, { externalId: 'm1', name: '小周' }]);
    op = as(stage.app, await loginAs(stage.app, 'op@e2e-gl.test'));
    const product = await op.post('/api/v1/products', { name: '车厘子', skus: [{ name: '2斤装', priceCents: 10_000, stock: 10 }] });
    skuId = product.json().skus[0].id;
  }, 180_000);

  afterAll(async () => { await stage?.close(); });

  it('an operator appoints a leader, sees a paid order of the community on the pickup list and marks it handed over', async () => {
    const { page, failed } = await consolePage(stage);
    await signIn(page, stage.base, 'op@e2e-gl.test');
    await page.getByTestId('nav-group-leaders').click();
    await page.getByTestId('group-leaders-title').filter({ hasText: '团长' }).waitFor({ timeout: 15_000 });

    // The dialog: a member is required, and a phone that is not one is refused under the field.
    await page.getByTestId('leader-add').click();
    await page.getByTestId('leader-save').click();
    await page.getByText('请选择一位成员').waitFor();
    await pickOption(page, 'leader-member', '小林');
    await page.locator('.ant-modal').getByTestId('community-select').click();
    await page.locator(OPEN_DROPDOWN).locator('.ant-select-item-option', { hasText: '幸福里团购群' }).click();
    await page.getByTestId('leader-pickup-name').fill('幸福里自提点');
    await page.getByTestId('leader-pickup-address').fill('幸福里 3 号楼 1 层便利店');
    await page.getByTestId('leader-pickup-phone').fill('12345');
    await page.getByTestId('leader-save').click();
    await page.getByText('请填写手机号（如 13800138000）或带区号的座机（如 010-12345678）').waitFor();
    await page.getByTestId('leader-pickup-phone').fill('13800138000');
    // The corrected field must validate before the save: wait for its error to go, then save.
    await page.getByText('请填写手机号（如 13800138000）或带区号的座机（如 010-12345678）').waitFor({ state: 'hidden' });
    await page.getByTestId('leader-save').click();
    const dialog = page.locator('.ant-modal', { has: page.getByTestId('leader-pickup-name') });
    await dialog.waitFor({ state: 'hidden', timeout: 30_000 }).catch(async () => {
      throw new Error(`the leader dialog stayed open: ${await dialog.innerText()}`);
    });
    const table = page.getByTestId('leaders-table');
    await table.getByText('幸福里自提点').waitFor({ timeout: 30_000 });
    const leader = (await op.get('/api/v1/group-leaders')).json().items[0];
    expect(leader).toMatchObject({ memberName: '小林', commissionBps: 1000, pickupPhone: '13800138000' });

    // 小周 buys 2 in the group and pays: the order is 小林's to hand over, and earns ¥20.00 frozen.
    const community = leader.communityId as string;
    const buyer = (await op.get(`/api/v1/members?q=${encodeURIComponent('小周')}`)).json().items[0].id as string;
    const order = (await op.post('/api/v1/orders', { memberId: buyer, lines: [{ skuId, quantity: 2 }], idempotencyKey: 'e2e-gl-order-1', attribution: { communityId: community } })).json();
    const payment = (await op.post(`/api/v1/orders/${order.id}/payments`, { provider: 'sandbox' })).json();
    await op.post(`/api/v1/payments/sandbox/${payment.id}/complete`, { outcome: 'succeeded' });
    await deliverSandboxNotifications(stage.database);
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
