import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, loginAs, makeWorkspace } from '../helpers/app.js';
import { consolePage, haveChromium, openStage, sandboxGroup, signIn, warnIfNoChromium, type Stage } from './harness.js';

warnIfNoChromium('flash-sale page tests');

describe.skipIf(!haveChromium)('flash sales in the console, in Chromium', () => {
  let stage: Stage;
  let members: Record<string, string>;

  beforeAll(async () => {
    stage = await openStage();
    const ws = await makeWorkspace(stage.database, 'e2e-fs', [{ email: 'op@e2e-fs.test', role: 'operator' }]);
    members = await sandboxGroup(stage, ws, { externalId: 'e2e-fs-g1', name: '秒杀群' }, [{ externalId: 'a', name: '小安' }, { externalId: 'b', name: '小白' }]);
    const op = as(stage.app, await loginAs(stage.app, 'op@e2e-fs.test'));
    expect((await op.post('/api/v1/products', { name: '洗衣液', skus: [{ name: '2kg', priceCents: 4_990, stock: 50 }] })).statusCode).toBe(201);
  }, 180_000);

  afterAll(async () => { await stage?.close(); });

  it('an operator sets up a session for tomorrow; once live, buyers within the limit are admitted and the page counts what sold', async () => {
    const { page, failed } = await consolePage(stage);
    await signIn(page, stage.base, 'op@e2e-fs.test');
    await page.getByTestId('nav-flash-sales').click();
    await page.getByTestId('flash-sale-title').filter({ hasText: '秒杀' }).waitFor({ timeout: 15_000 });

    // The dialog refuses a session without a name or a SKU, under the fields.
    await page.getByTestId('flash-sale-add').click();
    const dialog = page.locator('.ant-modal', { has: page.getByTestId('flash-sale-name') });
    // Pressed while the dialog still zooms in, the button can move under the pointer and the click land on
    // the mask, which closes the dialog: wait until it has finished opening.
    await page.locator('.ant-modal:not([class*="-enter"]):not([class*="-appear"])', { has: page.getByTestId('flash-sale-name') }).waitFor({ timeout: 15_000 });
    await page.getByTestId('flash-sale-save').click();
    await dialog.getByText('请填写场次名称').waitFor();
    await page.getByTestId('flash-sale-name').fill('周五 20 点秒杀');
    await dialog.locator('.ant-space .ant-select').first().click();
    await page.locator('.ant-select-item-option', { hasText: '洗衣液' }).click();
    await dialog.getByPlaceholder('秒杀价').fill('19.9');
    await dialog.getByPlaceholder('秒杀库存').fill('5');
    await page.getByTestId('flash-sale-save').click();
    await dialog.waitFor({ state: 'hidden', timeout: 15_000 });
    const table = page.getByTestId('flash-sale-table');
    await page.getByTestId('flash-sale-sold-周五 20 点秒杀').filter({ hasText: '已售 0 / 5' }).waitFor({ timeout: 15_000 });
    await table.getByText('未开始').waitFor();

    // Start it now (as the clock would), then two members buy: the second unit for one member is over the limit.
    const op = as(stage.app, await loginAs(stage.app, 'op@e2e-fs.test'));
    const session = (await op.get('/api/v1/flash-sales')).json().items[0];
    const { id, createdAt: _c, updatedAt: _u, state: _s, items, ...rest } = session;
    const now = Date.now();
    const moved = await op.put(`/api/v1/flash-sales/${id}`, {
      name: rest.name, perMemberLimit: rest.perMemberLimit, enabled: rest.enabled, bucketCount: rest.bucketCount,
      communityId: rest.communityId, reminderText: rest.reminderText, remindMinutesBefore: rest.remindMinutesBefore,
      startsAt: new Date(now - 60_000).toISOString(), endsAt: new Date(now + 3_600_000).toISOString(),
      items: items.map((i: { skuId: string; salePriceCents: number; saleStock: number }) => ({ skuId: i.skuId, salePriceCents: i.salePriceCents, saleStock: i.saleStock })),
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const skuId = items[0].skuId as string;
    const buy = (who: string, key: string) => op.post(`/api/v1/flash-sales/${id}/admissions`, { memberId: members[who], skuId, idempotencyKey: key });
    const first = await buy('a', 'e2e-fs-a-1');
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json().totalCents).toBe(1_990);
    expect((await buy('b', 'e2e-fs-b-1')).statusCode).toBe(201);
    const again = await buy('a', 'e2e-fs-a-2');
    expect([again.statusCode, again.json().error.fields[0].path]).toEqual([409, 'memberId']);

    await page.reload();
    await page.getByTestId('flash-sale-sold-周五 20 点秒杀').filter({ hasText: '已售 2 / 5' }).waitFor({ timeout: 15_000 });
    await table.getByText('进行中').waitFor();
    await page.getByTestId('flash-sale-row-周五 20 点秒杀').click();
    const drawer = page.locator('.ant-drawer', { hasText: '周五 20 点秒杀' });
    await drawer.locator('.ant-statistic', { hasText: '未抢到' }).getByText('1').waitFor({ timeout: 15_000 });
    await drawer.locator('.ant-statistic', { hasText: '剩余' }).getByText('3').waitFor();
    expect(failed).toEqual([]);
    await page.close();
  }, 120_000);
});
