import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, loginAs, makeWorkspace } from '../helpers/app.js';
import { consolePage, haveChromium, OPEN_DROPDOWN, openStage, pickOption, sandboxGroup, signIn, warnIfNoChromium, type Stage } from './harness.js';

warnIfNoChromium('group-buy page tests');

describe.skipIf(!haveChromium)('group-buy in the console, in Chromium', () => {
  let stage: Stage;

  beforeAll(async () => {
    stage = await openStage();
    const ws = await makeWorkspace(stage.database, 'e2e-gb', [{ email: 'op@e2e-gb.test', role: 'operator' }]);
    await sandboxGroup(stage, ws, { externalId: 'e2e-gb-g1', name: '团购群' }, [{ externalId: 'm0', name: '小林' }, { externalId: 'm1', name: '小周' }]);
    const op = as(stage.app, await loginAs(stage.app, 'op@e2e-gb.test'));
    expect((await op.post('/api/v1/products', { name: '车厘子', skus: [{ name: '2斤装', priceCents: 10_000, stock: 10 }] })).statusCode).toBe(201);
  }, 180_000);

  afterAll(async () => { await stage?.close(); });

  it('an operator defines a deal, opens a group for a member and sees the group with its member', async () => {
    const { page, failed } = await consolePage(stage);
    await signIn(page, stage.base, 'op@e2e-gb.test');
    await page.getByTestId('nav-group-buy').click();
    await page.getByTestId('group-buy-title').filter({ hasText: '拼团' }).waitFor({ timeout: 15_000 });

    // The dialog: a name is required, and a group price above the SKU's is refused under the field.
    await page.getByTestId('deal-add').click();
    await page.getByTestId('deal-save').click();
    await page.getByText('请填写活动名称').waitFor();
    await page.getByTestId('deal-name').fill('车厘子三人团');
    await page.getByTestId('deal-sku').click();
    await page.locator(OPEN_DROPDOWN).locator('.ant-select-item-option', { hasText: '车厘子 · 2斤装' }).click();
    await page.getByTestId('deal-price').fill('120');
    await page.getByTestId('deal-save').click();
    await page.getByText('团购价不能高于原价 ¥100.00').waitFor();
    await page.getByTestId('deal-price').fill('59.9');
    await page.getByTestId('deal-save').click();
    await page.getByTestId('deal-counts-车厘子三人团').filter({ hasText: '进行中 0 · 成团 0 · 失败 0' }).waitFor({ timeout: 15_000 });

    // Open a group for 小林: the group shows up open, 1 of 3, with 小林 as its opener.
    await page.getByTestId('deal-open-车厘子三人团').click();
    await pickOption(page, 'seat-member', '小林');
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
