import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, loginAs, makeWorkspace } from '../helpers/app.js';
import { consolePage, haveChromium, OPEN_DROPDOWN, openStage, phonePage, pickOption, sandboxGroup, signIn, warnIfNoChromium, type Stage } from './harness.js';

warnIfNoChromium('coupon page tests');

describe.skipIf(!haveChromium)('coupons in the console and on the member pages, in Chromium', () => {
  let stage: Stage;
  let memberId: string;

  beforeAll(async () => {
    stage = await openStage();
    const ws = await makeWorkspace(stage.database, 'e2e-coupons', [{ email: 'op@e2e-c.test', role: 'operator' }]);
    memberId = (await sandboxGroup(stage, ws, { externalId: 'e2e-c-g1', name: '福利群' }, [{ externalId: 'xl', name: '小林' }])).xl!;
  }, 180_000);

  afterAll(async () => { await stage?.close(); });

  it('an operator creates a coupon with the fields its kind needs, grants it, and the member sees it in 我的优惠券', async () => {
    const { page, failed } = await consolePage(stage);
    await signIn(page, stage.base, 'op@e2e-c.test');
    await page.getByTestId('nav-coupons').click();
    await page.getByTestId('coupons-title').filter({ hasText: '优惠券' }).waitFor({ timeout: 15_000 });

    // The dialog: an empty name is refused under the field; a threshold coupon asks for its minimum spend.
    await page.getByTestId('coupon-add').click();
    await page.getByTestId('coupon-save').click();
    await page.getByText('请输入名称').waitFor();
    await page.getByTestId('coupon-kind').click();
    await page.locator(OPEN_DROPDOWN).locator('.ant-select-item-option', { hasText: '满减券' }).click();
    await page.getByTestId('coupon-min-spend').waitFor();
    await page.getByTestId('coupon-kind').click();
    await page.locator(OPEN_DROPDOWN).locator('.ant-select-item-option', { hasText: '折扣券' }).click();
    await page.getByTestId('coupon-percent').waitFor();
    expect(await page.getByTestId('coupon-amount').count()).toBe(0);
    await page.getByTestId('coupon-kind').click();
    await page.locator(OPEN_DROPDOWN).locator('.ant-select-item-option', { hasText: '无门槛券' }).click();
    await page.getByTestId('coupon-name').fill('新人 5 元券');
    await page.getByTestId('coupon-total').fill('2');
    await page.getByTestId('coupon-save').click();
    await page.getByTestId('coupon-numbers-新人 5 元券').filter({ hasText: '0 / 0 / 2' }).waitFor({ timeout: 15_000 });

    // Grant it to a member from the claims drawer.
    await page.getByTestId('coupon-row-新人 5 元券').click();
    await page.getByTestId('coupon-variable').waitFor();
    await pickOption(page, 'coupon-grant-member', '小林');
    await page.getByTestId('coupon-grant').click();
    await page.getByText(/已发放，券码 [A-Z2-9]{10}/).waitFor({ timeout: 15_000 });
    await page.getByTestId('coupon-claims-table').getByText('小林').waitFor({ timeout: 15_000 });
    await page.keyboard.press('Escape');
    await page.getByTestId('coupon-numbers-新人 5 元券').filter({ hasText: '1 / 0 / 1' }).waitFor({ timeout: 15_000 });

    // The member's own page lists it with its code.
    const op = as(stage.app, await loginAs(stage.app, 'op@e2e-c.test'));
    const url = (await op.post(`/api/v1/members/${memberId}/member-link`, {})).json().url as string;
    const code = (await op.get(`/api/v1/coupon-claims?memberId=${memberId}`)).json().items[0].code as string;
    const { page: m, failed: failedOnPhone } = await phonePage(stage);
    await m.goto(`${stage.base}/m/${url.slice(url.indexOf('#'))}`);
    await m.getByTestId('m-tab-coupons').click();
    await m.getByTestId(`m-coupon-${code}`).filter({ hasText: '新人 5 元券' }).waitFor({ timeout: 15_000 });
    await m.getByTestId(`m-coupon-${code}`).filter({ hasText: '¥5.00' }).waitFor();
    await m.getByTestId('m-coupons-used').click();
    await m.getByText('这里还没有优惠券').waitFor({ timeout: 15_000 });
    expect(await m.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    expect([...failed, ...failedOnPhone]).toEqual([]);
    await m.context().close();
    await page.close();
  }, 120_000);
});
